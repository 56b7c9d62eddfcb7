package dev.jclaw.api.json;

/**
 * A JSON value: one of six records. Handle it with an exhaustive {@code switch}.
 *
 * <pre>{@code
 * String text = switch (value) {
 *     case JsonString s -> s.value();
 *     case JsonNumber n -> n.value().toPlainString();
 *     case JsonBoolean b -> Boolean.toString(b.value());
 *     case JsonNull n -> "null";
 *     case JsonArray a -> a.size() + " elements";
 *     case JsonObject o -> o.size() + " members";
 * };
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface JsonValue permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBoolean, JsonNull {

    /**
     * Returns the compact JSON text of this value.
     *
     * @return JSON text, never {@code null}
     */
    default String toJson() {
        return Json.write(this);
    }

    /**
     * Returns the JSON type name used in error messages: object, array, string, number, boolean or null.
     *
     * @return the type name
     */
    default String typeName() {
        return switch (this) {
            case JsonObject o -> "object";
            case JsonArray a -> "array";
            case JsonString s -> "string";
            case JsonNumber n -> "number";
            case JsonBoolean b -> "boolean";
            case JsonNull n -> "null";
        };
    }
}
