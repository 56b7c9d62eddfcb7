package dev.jclaw.config;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies {@code JCLAW_*} environment variables over the file's values. An empty variable counts as unset.
 * Values are taken literally: placeholders in them are not resolved. Variables that set no key are
 * {@link ConfigWarnings}.
 */
final class EnvironmentOverrides {

    /** The document with overrides applied, and which variable set which key path, in schema order. */
    record Applied(JsonObject document, Map<String, String> variables) {
    }

    private EnvironmentOverrides() {
    }

    /**
     * Applies the overrides.
     *
     * @throws ConfigException naming the variable and the key path when a value is not of the key's type or
     *                         outside its range
     */
    static Applied apply(JsonObject document, ConfigSchema schema, Map<String, String> environment) {
        JsonObject result = document;
        Map<String, String> applied = new LinkedHashMap<>();
        for (ConfigSchema.Leaf leaf : schema.leaves()) {
            String text = environment.get(leaf.variable());
            if (text == null || text.isEmpty()) {
                continue;
            }
            SchemaNode node = leaf.node();
            JsonValue value = node.parseText(text).filter(node::accepts).orElseThrow(() ->
                    ConfigException.inEnvironment(leaf.variable(), leaf.path().text(), "expected "
                            + node.expectation() + ", got " + Validator.describeText(text, leaf.path())));
            result = with(result, leaf.names(), 0, value);
            applied.put(leaf.path().text(), leaf.variable());
        }
        return new Applied(result, applied);
    }

    static List<EnvironmentOverride> mapping(ConfigSchema schema) {
        return schema.leaves().stream()
                .map(leaf -> new EnvironmentOverride(leaf.variable(), leaf.path().text(), leaf.node().expectation()))
                .toList();
    }

    private static JsonObject with(JsonObject object, List<String> names, int i, JsonValue value) {
        Map<String, JsonValue> members = new LinkedHashMap<>(object.members());
        String name = names.get(i);
        members.put(name, i == names.size() - 1 ? value
                : with(object.optObject(name).orElse(JsonObject.EMPTY), names, i + 1, value));
        return new JsonObject(members);
    }
}
