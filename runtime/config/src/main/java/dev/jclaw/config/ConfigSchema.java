package dev.jclaw.config;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.regex.Pattern;

/**
 * The compiled configuration schema, {@code configs/jclaw.schema.json}, and what follows from it: the
 * environment variable of every scalar key.
 */
final class ConfigSchema {

    /** The schema's resource name, next to this class. */
    static final String RESOURCE = "jclaw.schema.json";

    /** A scalar key that an environment variable can set. */
    record Leaf(String variable, List<String> names, KeyPath path, SchemaNode node) {
    }

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final SchemaNode root;
    private final List<Leaf> leaves;

    private ConfigSchema(SchemaNode root) {
        if (root.type() != SchemaNode.Type.OBJECT) {
            throw new IllegalArgumentException("configuration schema: the top level must be an object");
        }
        this.root = root;
        List<Leaf> found = new ArrayList<>();
        collectLeaves(root, List.of(), found);
        this.leaves = List.copyOf(found);
        checkVariablesAreDistinct();
        checkDefaults(root, KeyPath.ROOT);
    }

    /** The schema bundled with this module, compiled once. */
    static ConfigSchema bundled() {
        return Bundled.SCHEMA;
    }

    /**
     * Compiles a schema.
     *
     * @throws IllegalArgumentException when the schema is not one this package supports
     */
    static ConfigSchema of(JsonObject json) {
        return new ConfigSchema(SchemaNode.compile(json, "#"));
    }

    SchemaNode root() {
        return root;
    }

    /** The scalar keys in schema order, with their variables; keys starting with {@code $} have none. */
    List<Leaf> leaves() {
        return leaves;
    }

    /** {@code JCLAW_} and the key's names upper-cased, joined by {@code _}, dashes turned into {@code _}. */
    static String variableFor(List<String> names) {
        StringBuilder variable = new StringBuilder("JCLAW");
        for (String name : names) {
            variable.append('_').append(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return variable.toString();
    }

    private static void collectLeaves(SchemaNode node, List<String> names, List<Leaf> out) {
        for (Entry<String, SchemaNode> property : node.properties().entrySet()) {
            String name = property.getKey();
            if (names.isEmpty() && name.startsWith("$")) {
                continue;
            }
            List<String> path = append(names, name);
            if (!KEY.matcher(name).matches()) {
                throw new IllegalArgumentException("configuration schema: key " + String.join(".", path)
                        + " is not dashed lower case");
            }
            SchemaNode child = property.getValue();
            if (child.isScalar()) {
                out.add(new Leaf(variableFor(path), path, KeyPath.of(path.toArray(String[]::new)), child));
            } else {
                collectLeaves(child, path, out);
            }
        }
    }

    private static List<String> append(List<String> names, String name) {
        List<String> path = new ArrayList<>(names);
        path.add(name);
        return List.copyOf(path);
    }

    private void checkVariablesAreDistinct() {
        Map<String, KeyPath> seen = new HashMap<>();
        seen.put(ConfigLoader.HOME_VARIABLE, KeyPath.ROOT);
        for (Leaf leaf : leaves) {
            KeyPath other = seen.putIfAbsent(leaf.variable(), leaf.path());
            if (other != null) {
                throw new IllegalArgumentException("configuration schema: " + leaf.path() + " maps to "
                        + leaf.variable() + ", which is already taken" + (other.text().isEmpty() ? "" : " by " + other));
            }
        }
    }

    /** A default that its own schema refuses would surface as a confusing error in some later component. */
    private static void checkDefaults(SchemaNode node, KeyPath path) {
        node.defaultValue().ifPresent(value -> {
            try {
                new Validator(Map.of()).check(value, node, path);
            } catch (Violation v) {
                throw new IllegalArgumentException("configuration schema: default of " + path + ": " + v.problem());
            }
        });
        node.properties().forEach((name, child) -> checkDefaults(child, path.child(name)));
        if (node.additional() instanceof SchemaNode.Each each) {
            checkDefaults(each.schema(), path.child("*"));
        }
        if (node.type() == SchemaNode.Type.ARRAY) {
            checkDefaults(node.items(), path.index(0));
        }
    }

    private static final class Bundled {
        static final ConfigSchema SCHEMA = load();

        private static ConfigSchema load() {
            try (InputStream in = ConfigSchema.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the configuration schema " + RESOURCE
                            + " is missing from module dev.jclaw.core; the build copies it from configs/");
                }
                JsonValue json = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (!(json instanceof JsonObject object)) {
                    throw new IllegalStateException("the configuration schema is not a JSON object");
                }
                return of(object);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the configuration schema " + RESOURCE, e);
            }
        }
    }
}
