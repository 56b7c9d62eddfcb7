package dev.jclaw.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What is allowed but most likely a mistake: a {@code JCLAW_*} variable that sets no key (a misspelling, told with
 * the closest variable there is), and a plugins directory that does not exist (so no plugin loads, without a word).
 */
final class ConfigWarnings {

    /** {@code JCLAW_} variables that are read elsewhere, not configuration keys. */
    private static final Set<String> NOT_KEYS =
            Set.of(ConfigLoader.HOME_VARIABLE, ModelsBinder.MODEL_VARIABLE, "JCLAW_REQUIRE_SERVICES",
                    "JCLAW_TOKEN"); // JCLAW_TOKEN: the token of jclaw run/chat --url
    private static final String PREFIX = "JCLAW_";

    private ConfigWarnings() {
    }

    /** One warning per unknown {@code JCLAW_*} variable, in name order; not errors, as other tools may share the prefix. */
    static List<String> unknownVariables(ConfigSchema schema, Map<String, String> environment) {
        List<ConfigSchema.Leaf> leaves = schema.leaves();
        Set<String> known = new TreeSet<>();
        leaves.forEach(leaf -> known.add(leaf.variable()));
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(environment.keySet())) {
            if (!name.startsWith(PREFIX) || known.contains(name) || NOT_KEYS.contains(name)) {
                continue;
            }
            String hint = closest(name, leaves)
                    .map(leaf -> "; did you mean " + leaf.variable() + " (" + leaf.path().text() + ")?")
                    .orElse("; docs/configuration.md lists the variables");
            warnings.add("environment variable " + name + " sets no configuration key" + hint);
        }
        return warnings;
    }

    /**
     * The warning for a plugins directory that does not exist, naming where its value came from.
     *
     * @param origin where the value came from, e.g. "set by JCLAW_PLUGINS_DIR"; empty for the distribution's own
     */
    static Optional<String> pluginsDir(Path dir, Optional<String> origin) {
        if (Files.isDirectory(dir)) {
            return Optional.empty();
        }
        String what = Files.exists(dir) ? " is not a directory" : " does not exist";
        return Optional.of(origin.map(o -> "plugins.dir " + dir + what + " (" + o + "), so no plugin loads; leave"
                        + " plugins.dir out to use the distribution's plugins, or point it at a directory of plugin jars")
                .orElse("the distribution's plugins directory " + dir + what + ", so no plugin loads; the"
                        + " installation is incomplete, unpack it again"));
    }

    /**
     * The variable nearest to a misspelt one: by edit distance over the part after {@code JCLAW_} (at most a third
     * of its length, and at least 2 edits allowed), else the only variable that ends with it ({@code JCLAW_PORT}).
     */
    static Optional<ConfigSchema.Leaf> closest(String variable, List<ConfigSchema.Leaf> leaves) {
        String rest = variable.substring(PREFIX.length());
        ConfigSchema.Leaf best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigSchema.Leaf leaf : leaves) {
            int distance = distance(rest, leaf.variable().substring(PREFIX.length()));
            if (distance < bestDistance) {
                best = leaf;
                bestDistance = distance;
            }
        }
        if (best != null && bestDistance <= Math.max(2, rest.length() / 3)) {
            return Optional.of(best);
        }
        List<ConfigSchema.Leaf> endings = leaves.stream()
                .filter(leaf -> !rest.isEmpty() && leaf.variable().endsWith("_" + rest)).toList();
        return endings.size() == 1 ? Optional.of(endings.getFirst()) : Optional.empty();
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each one edit. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
