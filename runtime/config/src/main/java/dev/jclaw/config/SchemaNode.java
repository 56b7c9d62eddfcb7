package dev.jclaw.config;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One node of the configuration schema: the subset of JSON Schema 2020-12 the loader understands. Compiling
 * refuses any other keyword, so a constraint added to the schema file is either enforced or fails the build.
 */
final class SchemaNode {

    enum Type { OBJECT, ARRAY, STRING, INTEGER, NUMBER, BOOLEAN }

    /** What an object node says about members it does not list. */
    sealed interface Additional permits Refused, Allowed, Each {
    }

    /** {@code "additionalProperties": false}. */
    record Refused() implements Additional {
    }

    /** No {@code additionalProperties}: anything goes, unchecked. */
    record Allowed() implements Additional {
    }

    /** {@code "additionalProperties": {schema}}. */
    record Each(SchemaNode schema) implements Additional {
    }

    /**
     * Our own annotation: what a value must be, in words, shown in messages after "expected" instead of the
     * generated phrase. Required beside {@code pattern}, so that no user ever reads a regular expression.
     */
    static final String EXPECTED = "x-expected";

    private static final Set<String> ANNOTATIONS =
            Set.of("$schema", "$id", "$comment", "title", "description", "default", "examples", EXPECTED);
    private static final Map<Type, Set<String>> KEYWORDS = Map.of(
            Type.OBJECT, Set.of("type", "properties", "additionalProperties", "required"),
            Type.ARRAY, Set.of("type", "items", "minItems", "uniqueItems"),
            Type.STRING, Set.of("type", "enum", "pattern", "minLength"),
            Type.INTEGER, Set.of("type", "enum", "minimum", "maximum"),
            Type.NUMBER, Set.of("type", "enum", "minimum", "maximum"),
            Type.BOOLEAN, Set.of("type", "enum"));
    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]{1,30}");

    private final Type type;
    private final Map<String, SchemaNode> properties;
    private final Additional additional;
    private final List<String> required;
    private final BigDecimal minimum;
    private final BigDecimal maximum;
    private final List<JsonValue> enumValues;
    private final Pattern pattern;
    private final int minLength;
    private final SchemaNode items;
    private final int minItems;
    private final boolean uniqueItems;
    private final JsonValue defaultValue;
    private final String expected;

    private SchemaNode(JsonObject json, String where) {
        for (String keyword : json.members().keySet()) {
            if (!ANNOTATIONS.contains(keyword) && !KEYWORDS.values().stream().anyMatch(k -> k.contains(keyword))) {
                throw invalid(where, "unsupported keyword " + Json.quote(keyword));
            }
        }
        String typeName = json.optString("type").orElseThrow(() -> invalid(where, "\"type\" is required"));
        this.type = switch (typeName) {
            case "object" -> Type.OBJECT;
            case "array" -> Type.ARRAY;
            case "string" -> Type.STRING;
            case "integer" -> Type.INTEGER;
            case "number" -> Type.NUMBER;
            case "boolean" -> Type.BOOLEAN;
            default -> throw invalid(where, "unsupported type " + Json.quote(typeName));
        };
        for (String keyword : json.members().keySet()) {
            if (!ANNOTATIONS.contains(keyword) && !KEYWORDS.get(type).contains(keyword)) {
                throw invalid(where, Json.quote(keyword) + " does not apply to type " + typeName);
            }
        }
        Map<String, SchemaNode> props = new LinkedHashMap<>();
        json.optObject("properties").ifPresent(p -> p.members().forEach((name, schema) ->
                props.put(name, compile(schema, where + ".properties." + name))));
        this.properties = Collections.unmodifiableMap(props);
        this.additional = json.get("additionalProperties").map(a -> switch (a) {
            case JsonBoolean b -> b.value() ? new Allowed() : new Refused();
            default -> new Each(compile(a, where + ".additionalProperties"));
        }).orElseGet(Allowed::new);
        List<String> names = new ArrayList<>();
        json.optArray("required").ifPresent(r -> r.elements().forEach(e -> names.add(requiredName(e, where))));
        this.required = List.copyOf(names);
        this.minimum = json.get("minimum").map(v -> number(v, where, "minimum")).orElse(null);
        this.maximum = json.get("maximum").map(v -> number(v, where, "maximum")).orElse(null);
        this.enumValues = json.optArray("enum").map(JsonArray::elements).orElse(List.of());
        this.pattern = json.optString("pattern").map(p -> regex(p, where)).orElse(null);
        this.minLength = json.optLong("minLength").map(Math::toIntExact).orElse(0);
        this.items = json.get("items").map(i -> compile(i, where + ".items")).orElse(null);
        if (type == Type.ARRAY && items == null) {
            throw invalid(where, "an array needs \"items\"");
        }
        this.minItems = json.optLong("minItems").map(Math::toIntExact).orElse(0);
        this.uniqueItems = json.optBoolean("uniqueItems").orElse(false);
        this.defaultValue = json.get("default").orElse(null);
        this.expected = json.optString(EXPECTED).orElse(null);
        if (pattern != null && expected == null) {
            throw invalid(where, "a \"pattern\" needs \"" + EXPECTED + "\", the rule in words for messages");
        }
    }

    /**
     * Compiles a schema.
     *
     * @throws IllegalArgumentException when the schema uses anything this class does not support
     */
    static SchemaNode compile(JsonValue json, String where) {
        if (!(json instanceof JsonObject object)) {
            throw invalid(where, "expected a schema object, got " + json.typeName());
        }
        try {
            return new SchemaNode(object, where);
        } catch (JsonException e) {
            throw invalid(where, e.getMessage());
        }
    }

    Type type() {
        return type;
    }

    boolean isScalar() {
        return type != Type.OBJECT && type != Type.ARRAY;
    }

    /** The schema of an array's elements; only for {@link Type#ARRAY}. */
    SchemaNode items() {
        return items;
    }

    int minItems() {
        return minItems;
    }

    boolean uniqueItems() {
        return uniqueItems;
    }

    Map<String, SchemaNode> properties() {
        return properties;
    }

    Additional additional() {
        return additional;
    }

    List<String> required() {
        return required;
    }

    Optional<JsonValue> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** What a value must be, for messages: "an integer between 0 and 65535", "a non-empty string". */
    String expectation() {
        if (expected != null) {
            return expected;
        }
        if (!enumValues.isEmpty()) {
            return "one of " + enumValues.stream().map(Json::write).collect(Collectors.joining(", "));
        }
        return switch (type) {
            case OBJECT -> "an object";
            case ARRAY -> (minItems == 1 ? "a non-empty array of " : minItems > 1 ? "an array of at least "
                    + minItems + " " : "an array of ") + (uniqueItems ? "distinct values, each " : "values, each ")
                    + items.expectation();
            case BOOLEAN -> "true or false";
            case INTEGER -> "an integer" + range();
            case NUMBER -> "a number" + range();
            case STRING -> {
                yield minLength == 1 ? "a non-empty string"
                        : minLength > 1 ? "a string of at least " + minLength + " characters" : "a string";
            }
        };
    }

    private String range() {
        if (minimum != null && maximum != null) {
            return " between " + minimum.toPlainString() + " and " + maximum.toPlainString();
        }
        if (minimum != null) {
            return " of at least " + minimum.toPlainString();
        }
        return maximum == null ? "" : " of at most " + maximum.toPlainString();
    }

    /**
     * Whether a scalar value has this node's type and meets its constraints; objects and arrays are checked by the
     * walk.
     */
    boolean accepts(JsonValue value) {
        boolean typed = switch (type) {
            case OBJECT -> value instanceof JsonObject;
            case ARRAY -> value instanceof JsonArray;
            case STRING -> value instanceof JsonString s && stringOk(s.value());
            case INTEGER -> value instanceof JsonNumber n && isIntegral(n.value()) && inRange(n.value());
            case NUMBER -> value instanceof JsonNumber n && inRange(n.value());
            case BOOLEAN -> value instanceof JsonBoolean;
        };
        return typed && (enumValues.isEmpty() || enumValues.stream().anyMatch(e -> sameValue(e, value)));
    }

    private boolean stringOk(String s) {
        return s.codePointCount(0, s.length()) >= minLength && (pattern == null || pattern.matcher(s).find());
    }

    private boolean inRange(BigDecimal n) {
        return (minimum == null || n.compareTo(minimum) >= 0) && (maximum == null || n.compareTo(maximum) <= 0);
    }

    private static boolean isIntegral(BigDecimal n) {
        return n.signum() == 0 || n.stripTrailingZeros().scale() <= 0;
    }

    static boolean sameValue(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.value().compareTo(y.value()) == 0;
        }
        return a.equals(b);
    }

    /**
     * Reads a value of this node's type from text, as found in an environment variable or a placeholder:
     * {@code 8080}, {@code true}, {@code 1.5}; a string is taken as it is.
     *
     * @return the value, or empty when the text is not of this type (constraints are not checked here)
     */
    Optional<JsonValue> parseText(String text) {
        return switch (type) {
            case STRING -> Optional.of(new JsonString(text));
            case INTEGER -> INTEGER_TEXT.matcher(text).matches()
                    ? Optional.of(new JsonNumber(new BigDecimal(text)))
                    : Optional.empty();
            case NUMBER -> parseNumber(text);
            case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Optional.of(JsonBoolean.TRUE);
                case "false" -> Optional.of(JsonBoolean.FALSE);
                default -> Optional.empty();
            };
            case OBJECT, ARRAY -> Optional.empty();
        };
    }

    private static Optional<JsonValue> parseNumber(String text) {
        try {
            return Json.parse(text) instanceof JsonNumber n ? Optional.of(n) : Optional.empty();
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /**
     * Adds the schema's defaults for absent members, recursively, also inside the entries of a map such as
     * {@code models.providers}; an absent object is added when anything in it has a default. Present members keep
     * their order; defaults follow in schema order.
     */
    JsonObject withDefaults(JsonObject value) {
        Map<String, JsonValue> members = new LinkedHashMap<>(value.members());
        if (additional instanceof Each(SchemaNode entry) && entry.type == Type.OBJECT) {
            members.replaceAll((name, member) -> !properties.containsKey(name) && member instanceof JsonObject object
                    ? entry.withDefaults(object) : member);
        }
        properties.forEach((name, child) -> {
            JsonValue present = members.get(name);
            if (present instanceof JsonObject object && child.type == Type.OBJECT) {
                members.put(name, child.withDefaults(object));
            } else if (present == null && child.defaultValue != null) {
                members.put(name, child.defaultValue instanceof JsonObject object && child.type == Type.OBJECT
                        ? child.withDefaults(object) : child.defaultValue);
            } else if (present == null && child.type == Type.OBJECT) {
                JsonObject filled = child.withDefaults(JsonObject.EMPTY);
                if (filled.size() > 0) {
                    members.put(name, filled);
                }
            }
        });
        return new JsonObject(members);
    }

    private String requiredName(JsonValue name, String where) {
        if (name instanceof JsonString s && properties.containsKey(s.value())) {
            return s.value();
        }
        throw invalid(where, "\"required\" names " + name + ", which is not among the properties");
    }

    private static BigDecimal number(JsonValue value, String where, String keyword) {
        if (value instanceof JsonNumber n) {
            return n.value();
        }
        throw invalid(where, Json.quote(keyword) + " must be a number");
    }

    private static Pattern regex(String regex, String where) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw invalid(where, "invalid pattern " + Json.quote(regex));
        }
    }

    private static IllegalArgumentException invalid(String where, String what) {
        return new IllegalArgumentException("configuration schema at " + where + ": " + what);
    }
}
