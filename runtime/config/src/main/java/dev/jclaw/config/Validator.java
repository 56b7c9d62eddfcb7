package dev.jclaw.config;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks a configuration document in document order, resolving placeholders and checking each value against
 * the schema, and stops at the first problem.
 *
 * <p>A string that held a placeholder, under a key of another scalar type, is read as that type, so that
 * {@code "port": "{env:PORT:-7878}"} works.
 */
final class Validator {

    static final String REDACTED = "<redacted>";
    private static final int SHOWN_CHARS = 60;

    private final Placeholders placeholders;

    Validator(Map<String, String> environment) {
        this.placeholders = new Placeholders(environment);
    }

    /**
     * Checks a value.
     *
     * @return the value with placeholders resolved
     * @throws Violation at the first problem
     */
    JsonValue check(JsonValue value, SchemaNode node, KeyPath path) {
        JsonValue resolved = value instanceof JsonString s ? resolve(s, node, path) : value;
        if (node.type() == SchemaNode.Type.OBJECT) {
            if (resolved instanceof JsonObject object) {
                return checkObject(object, node, path);
            }
            throw mismatch(node, resolved, path);
        }
        if (node.type() == SchemaNode.Type.ARRAY) {
            if (resolved instanceof JsonArray array) {
                return checkArray(array, node, path);
            }
            throw mismatch(node, resolved, path);
        }
        if (!node.accepts(resolved)) {
            throw mismatch(node, resolved, path);
        }
        return resolved;
    }

    private JsonValue resolve(JsonString string, SchemaNode node, KeyPath path) {
        Placeholders.Resolved resolved = placeholders.resolve(string.value(), path);
        if (!resolved.substituted()) {
            return string;
        }
        JsonString text = new JsonString(resolved.text());
        return node.isScalar() ? node.parseText(resolved.text()).orElse(text) : text;
    }

    private JsonObject checkObject(JsonObject object, SchemaNode node, KeyPath path) {
        Map<String, JsonValue> checked = new LinkedHashMap<>();
        object.members().forEach((name, value) -> {
            KeyPath at = path.child(name);
            SchemaNode known = node.properties().get(name);
            JsonValue result;
            if (known != null) {
                result = check(value, known, at);
            } else {
                result = switch (node.additional()) {
                    case SchemaNode.Refused r -> throw new Violation(at, unknownKey(node));
                    case SchemaNode.Allowed a -> resolveAll(value, at);
                    case SchemaNode.Each each -> check(value, each.schema(), at);
                };
            }
            checked.put(name, result);
        });
        for (String name : node.required()) {
            if (!object.members().containsKey(name)) {
                throw new Violation(path.child(name), "expected " + node.properties().get(name).expectation()
                        + ", got nothing; the key is required");
            }
        }
        return new JsonObject(checked);
    }

    private JsonArray checkArray(JsonArray array, SchemaNode node, KeyPath path) {
        List<JsonValue> checked = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = check(array.get(i), node.items(), path.index(i));
            if (node.uniqueItems() && checked.stream().anyMatch(e -> SchemaNode.sameValue(e, element))) {
                throw new Violation(path.index(i), "expected " + node.expectation() + ", got "
                        + describe(element, path) + " twice");
            }
            checked.add(element);
        }
        if (checked.size() < node.minItems()) {
            throw new Violation(path, "expected " + node.expectation() + ", got " + checked.size() + " of them");
        }
        return new JsonArray(checked);
    }

    /** A free-form value, such as a plugin's own section: placeholders are resolved, nothing is checked. */
    private JsonValue resolveAll(JsonValue value, KeyPath path) {
        return switch (value) {
            case JsonString s -> new JsonString(placeholders.resolve(s.value(), path).text());
            case JsonArray array -> {
                List<JsonValue> elements = new ArrayList<>(array.size());
                for (int i = 0; i < array.size(); i++) {
                    elements.add(resolveAll(array.get(i), path.index(i)));
                }
                yield new JsonArray(elements);
            }
            case JsonObject object -> {
                Map<String, JsonValue> members = new LinkedHashMap<>();
                object.members().forEach((name, member) -> members.put(name, resolveAll(member, path.child(name))));
                yield new JsonObject(members);
            }
            case JsonNumber n -> n;
            case JsonBoolean b -> b;
            case JsonNull n -> n;
        };
    }

    private static String unknownKey(SchemaNode node) {
        return node.properties().isEmpty() ? "unknown key; expected no keys here"
                : "unknown key; expected one of " + String.join(", ", node.properties().keySet());
    }

    private static Violation mismatch(SchemaNode node, JsonValue got, KeyPath path) {
        return new Violation(path, "expected " + node.expectation() + ", got " + describe(got, path));
    }

    /** A value as shown in messages: strings quoted and shortened, secrets hidden, containers by kind. */
    static String describe(JsonValue value, KeyPath path) {
        return switch (value) {
            case JsonObject o -> "an object";
            case JsonArray a -> "an array";
            case JsonNull n -> "null";
            case JsonBoolean b -> path.isSecret() ? REDACTED : Boolean.toString(b.value());
            case JsonNumber n -> path.isSecret() ? REDACTED : shorten(n.toJson());
            case JsonString s -> describeText(s.value(), path);
        };
    }

    /** Text, such as an environment variable's value, as shown in messages. */
    static String describeText(String text, KeyPath path) {
        if (path.isSecret()) {
            return REDACTED;
        }
        return Json.quote(shorten(text));
    }

    private static String shorten(String text) {
        return text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS - 3) + "..." : text;
    }
}
