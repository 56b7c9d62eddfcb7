package dev.jclaw.core.schema;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled JSON Schema: the subset tools declare for their arguments. Supported keywords: {@code type} (a name or
 * an array of names; {@code integer} is a number without a fraction), {@code properties}, {@code required},
 * {@code additionalProperties} (a boolean or a schema), {@code enum}, {@code const}, {@code items} (one schema for
 * every element), {@code minItems}, {@code maxItems}, {@code minLength}, {@code maxLength} (in code points),
 * {@code minimum}, {@code maximum}, {@code exclusiveMinimum}, {@code exclusiveMaximum} (numbers, or booleans as in
 * draft 4), {@code pattern} (unanchored, as the specification says), {@code anyOf}, {@code oneOf}, {@code allOf},
 * {@code not}, and the boolean schemas {@code true} and {@code false}. Every other keyword ({@code description},
 * {@code default}, {@code format}, {@code $ref}, ...) is ignored, so a schema using more than this subset is checked
 * less strictly, never wrongly refused.
 *
 * <pre>{@code
 * JsonSchema schema = JsonSchema.compile("{\"type\":\"object\",\"required\":[\"path\"]}");
 * List<SchemaViolation> wrong = schema.validate(Json.parse("{}"));  // required property "path" is missing
 * }</pre>
 *
 * <p>Thread-safety: immutable once compiled; validate from any number of threads. Checking is linear in the size of
 * the parts of the value the schema describes, and a pattern gives up after a bounded amount of work, so hostile
 * values (huge arrays, deep nesting, strings that make a regex backtrack) cost bounded time.
 */
public final class JsonSchema {
    /** How many violations one check reports at most. */
    public static final int MAX_VIOLATIONS = 10;

    private final SchemaNode root;

    private JsonSchema(SchemaNode root) {
        this.root = root;
    }

    /**
     * Compiles a schema from its JSON text.
     *
     * @param text the schema
     * @return the compiled schema
     * @throws SchemaException when the text is not JSON, or a keyword this subset knows has a value of the wrong
     *                         kind (the message names where)
     */
    public static JsonSchema compile(String text) {
        try {
            return compile(Json.parse(text));
        } catch (JsonException e) {
            throw new SchemaException("the schema is not valid JSON: " + e.getMessage());
        }
    }

    /**
     * Compiles a schema.
     *
     * @param schema the schema: an object, or {@code true}/{@code false}
     * @return the compiled schema
     * @throws SchemaException when a keyword this subset knows has a value of the wrong kind
     */
    public static JsonSchema compile(JsonValue schema) {
        return new JsonSchema(node(schema, "#"));
    }

    /**
     * Checks a value.
     *
     * @param value the value
     * @return what is wrong with it, at most {@link #MAX_VIOLATIONS}; empty when it matches
     */
    public List<SchemaViolation> validate(JsonValue value) {
        SchemaNode.Check check = new SchemaNode.Check(MAX_VIOLATIONS);
        root.check(value, null, check);
        return check.found();
    }

    /**
     * Tells whether a value matches, stopping at the first violation.
     *
     * @param value the value
     * @return whether it matches
     */
    public boolean matches(JsonValue value) {
        SchemaNode.Check check = new SchemaNode.Check(1);
        root.check(value, null, check);
        return check.found().isEmpty();
    }

    private static SchemaNode node(JsonValue schema, String at) {
        if (schema instanceof JsonBoolean b) {
            return b.value() ? SchemaNode.ANY : SchemaNode.NOTHING;
        }
        if (!(schema instanceof JsonObject o)) {
            throw new SchemaException(at + ": a schema must be an object or a boolean, got " + SchemaNode.kind(schema));
        }
        SchemaNode n = new SchemaNode();
        o.get("type").ifPresent(t -> n.types = types(t, at + "/type"));
        o.get("properties").ifPresent(p -> {
            Map<String, SchemaNode> properties = new LinkedHashMap<>();
            object(p, at + "/properties").members()
                    .forEach((name, sub) -> properties.put(name, node(sub, at + "/properties/" + name)));
            n.properties = properties;
        });
        o.get("required").ifPresent(r -> n.required = strings(r, at + "/required"));
        o.get("additionalProperties").ifPresent(a -> n.additional = node(a, at + "/additionalProperties"));
        o.get("enum").ifPresent(e -> n.enumValues = array(e, at + "/enum").elements());
        o.get("const").ifPresent(c -> n.constValue = c);
        o.get("items").ifPresent(i -> {
            if (!(i instanceof JsonArray)) { // the array form (tuples) is outside the subset, so it is ignored
                n.items = node(i, at + "/items");
            }
        });
        n.minItems = count(o, "minItems", at);
        n.maxItems = count(o, "maxItems", at);
        n.minLength = count(o, "minLength", at);
        n.maxLength = count(o, "maxLength", at);
        n.minimum = number(o, "minimum", at);
        n.maximum = number(o, "maximum", at);
        o.get("exclusiveMinimum").ifPresent(x -> {
            if (x instanceof JsonBoolean b) { // draft 4: makes minimum exclusive
                n.minimumExclusive = b.value();
            } else {
                n.exclusiveMinimum = number(o, "exclusiveMinimum", at);
            }
        });
        o.get("exclusiveMaximum").ifPresent(x -> {
            if (x instanceof JsonBoolean b) {
                n.maximumExclusive = b.value();
            } else {
                n.exclusiveMaximum = number(o, "exclusiveMaximum", at);
            }
        });
        o.get("pattern").ifPresent(p -> {
            if (!(p instanceof JsonString s)) {
                throw new SchemaException(at + "/pattern: must be a string");
            }
            try {
                n.pattern = Pattern.compile(s.value());
                n.patternText = s.value();
            } catch (PatternSyntaxException e) {
                throw new SchemaException(at + "/pattern: not a regular expression: " + e.getDescription());
            }
        });
        n.allOf = schemas(o, "allOf", at);
        n.anyOf = schemas(o, "anyOf", at);
        n.oneOf = schemas(o, "oneOf", at);
        o.get("not").ifPresent(x -> n.not = node(x, at + "/not"));
        return n;
    }

    private static int types(JsonValue value, String at) {
        int mask = 0;
        List<JsonValue> names = value instanceof JsonArray a ? a.elements() : List.of(value);
        for (JsonValue name : names) {
            if (!(name instanceof JsonString s)) {
                throw new SchemaException(at + ": a type is a string or an array of strings");
            }
            mask |= SchemaNode.typeBit(s.value()); // an unknown name adds nothing
        }
        return mask;
    }

    private static JsonObject object(JsonValue value, String at) {
        if (value instanceof JsonObject o) {
            return o;
        }
        throw new SchemaException(at + ": must be an object");
    }

    private static JsonArray array(JsonValue value, String at) {
        if (value instanceof JsonArray a) {
            return a;
        }
        throw new SchemaException(at + ": must be an array");
    }

    private static List<String> strings(JsonValue value, String at) {
        List<String> out = new ArrayList<>();
        for (JsonValue v : array(value, at).elements()) {
            if (!(v instanceof JsonString s)) {
                throw new SchemaException(at + ": must be an array of strings");
            }
            out.add(s.value());
        }
        return List.copyOf(out);
    }

    private static int count(JsonObject o, String keyword, String at) {
        BigDecimal n = number(o, keyword, at);
        if (n == null) {
            return -1;
        }
        if (n.signum() < 0 || n.stripTrailingZeros().scale() > 0) {
            throw new SchemaException(at + "/" + keyword + ": must be a non-negative integer");
        }
        return n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : n.intValue();
    }

    private static BigDecimal number(JsonObject o, String keyword, String at) {
        JsonValue v = o.get(keyword).orElse(null);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNumber n) {
            return n.value();
        }
        throw new SchemaException(at + "/" + keyword + ": must be a number");
    }

    private static List<SchemaNode> schemas(JsonObject o, String keyword, String at) {
        JsonValue v = o.get(keyword).orElse(null);
        if (v == null) {
            return List.of();
        }
        List<JsonValue> elements = array(v, at + "/" + keyword).elements();
        if (elements.isEmpty()) {
            throw new SchemaException(at + "/" + keyword + ": must not be empty");
        }
        List<SchemaNode> out = new ArrayList<>();
        for (int i = 0; i < elements.size(); i++) {
            out.add(node(elements.get(i), at + "/" + keyword + "/" + i));
        }
        return List.copyOf(out);
    }
}
