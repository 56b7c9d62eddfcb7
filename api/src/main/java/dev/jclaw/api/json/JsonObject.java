package dev.jclaw.api.json;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON object; member order is kept and the map is unmodifiable.
 *
 * <p>The typed getters throw {@link JsonException} with the member name when a member is missing or has
 * another type, so that a tool can turn bad arguments into a message the model can act on:
 *
 * <pre>{@code
 * String path = args.string("path");            // required
 * long limit = args.optLong("limit").orElse(200); // optional
 * }</pre>
 *
 * @param members the members, in insertion order
 * @since 0.1
 */
public record JsonObject(Map<String, JsonValue> members) implements JsonValue {

    /** The empty object. */
    public static final JsonObject EMPTY = new JsonObject(Map.of());

    /**
     * Copies the members into an unmodifiable, order-keeping map.
     *
     * @throws NullPointerException when a name or a value is {@code null}; use {@link JsonNull#INSTANCE}
     */
    public JsonObject {
        Map<String, JsonValue> copy = new LinkedHashMap<>(members);
        copy.forEach((name, value) -> {
            Objects.requireNonNull(name, "member name");
            Objects.requireNonNull(value, () -> "value of member " + Json.quote(name));
        });
        members = Collections.unmodifiableMap(copy);
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the number of members.
     *
     * @return the size
     */
    public int size() {
        return members.size();
    }

    /**
     * Returns a member.
     *
     * @param name the member name
     * @return the value, or empty when absent
     */
    public Optional<JsonValue> get(String name) {
        return Optional.ofNullable(members.get(name));
    }

    /**
     * Returns a required string member.
     *
     * @param name the member name
     * @return the string
     * @throws JsonException when the member is missing or not a string
     */
    public String string(String name) {
        return optString(name).orElseThrow(() -> missing(name, "string"));
    }

    /**
     * Returns an optional string member.
     *
     * @param name the member name
     * @return the string, or empty when absent or {@code null}
     * @throws JsonException when the member has another type
     */
    public Optional<String> optString(String name) {
        return typed(name, JsonString.class, "string").map(JsonString::value);
    }

    /**
     * Returns an optional integral member.
     *
     * @param name the member name
     * @return the number, or empty when absent or {@code null}
     * @throws JsonException when the member is not an integer within the {@code long} range
     */
    public Optional<Long> optLong(String name) {
        Optional<JsonNumber> number = typed(name, JsonNumber.class, "integer");
        if (number.isPresent() && !number.get().isLong()) {
            throw new JsonException("'" + name + "' must be an integer, got " + number.get().value());
        }
        return number.map(n -> n.value().longValueExact());
    }

    /**
     * Returns an optional boolean member.
     *
     * @param name the member name
     * @return the boolean, or empty when absent or {@code null}
     * @throws JsonException when the member has another type
     */
    public Optional<Boolean> optBoolean(String name) {
        return typed(name, JsonBoolean.class, "boolean").map(JsonBoolean::value);
    }

    /**
     * Returns an optional object member.
     *
     * @param name the member name
     * @return the object, or empty when absent or {@code null}
     * @throws JsonException when the member has another type
     */
    public Optional<JsonObject> optObject(String name) {
        return typed(name, JsonObject.class, "object");
    }

    /**
     * Returns an optional array member.
     *
     * @param name the member name
     * @return the array, or empty when absent or {@code null}
     * @throws JsonException when the member has another type
     */
    public Optional<JsonArray> optArray(String name) {
        return typed(name, JsonArray.class, "array");
    }

    private <T extends JsonValue> Optional<T> typed(String name, Class<T> type, String expected) {
        JsonValue value = members.get(name);
        if (value == null || value instanceof JsonNull) {
            return Optional.empty();
        }
        if (!type.isInstance(value)) {
            throw new JsonException("'" + name + "' must be " + article(expected) + ", got " + value.typeName());
        }
        return Optional.of(type.cast(value));
    }

    private static JsonException missing(String name, String expected) {
        return new JsonException("'" + name + "' is required and must be " + article(expected));
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }

    @Override
    public String toString() {
        return toJson();
    }

    /**
     * Builds a {@link JsonObject} in insertion order.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final Map<String, JsonValue> members = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets a member.
         *
         * @param name the name
         * @param value the value
         * @return this builder
         */
        public Builder put(String name, JsonValue value) {
            members.put(name, value);
            return this;
        }

        /**
         * Sets a string member.
         *
         * @param name the name
         * @param value the string
         * @return this builder
         */
        public Builder put(String name, String value) {
            return put(name, new JsonString(value));
        }

        /**
         * Sets a number member.
         *
         * @param name the name
         * @param value the number
         * @return this builder
         */
        public Builder put(String name, long value) {
            return put(name, new JsonNumber(BigDecimal.valueOf(value)));
        }

        /**
         * Sets a boolean member.
         *
         * @param name the name
         * @param value the boolean
         * @return this builder
         */
        public Builder put(String name, boolean value) {
            return put(name, JsonBoolean.of(value));
        }

        /**
         * Builds the object.
         *
         * @return the object
         */
        public JsonObject build() {
            return new JsonObject(members);
        }
    }
}
