package dev.jclaw.core.config;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Applies {@code JCLAW_*} environment variables over the file's values. An empty variable counts as unset.
 * Values are taken literally: placeholders in them are not resolved.
 */
final class EnvironmentOverrides {

    private static final System.Logger LOG = System.getLogger(EnvironmentOverrides.class.getName());

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
        warnAboutUnknownVariables(schema, environment);
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

    /** A misspelt variable is otherwise silently ignored; it is not an error, as other tools may share the prefix. */
    private static void warnAboutUnknownVariables(ConfigSchema schema, Map<String, String> environment) {
        Set<String> known = schema.leaves().stream().map(ConfigSchema.Leaf::variable).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>();
        for (String name : environment.keySet()) {
            if (name.startsWith("JCLAW_") && !known.contains(name) && !name.equals(ConfigLoader.HOME_VARIABLE)
                    && !name.equals(ModelsBinder.MODEL_VARIABLE) && !name.equals("JCLAW_REQUIRE_SERVICES")) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            LOG.log(Level.WARNING, "Environment variables {0} set no configuration key; known are {1}",
                    String.join(", ", unknown), String.join(", ", new TreeSet<>(known)));
        }
    }
}
