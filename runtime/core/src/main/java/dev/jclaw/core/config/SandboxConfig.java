package dev.jclaw.core.config;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import java.util.List;

/**
 * The sandbox of the processes plugins start: {@code sandbox} in {@code jclaw.json} (already validated against the
 * schema, which gives the defaults). Paths stay as written ({@code ~/...} or absolute): the sandbox resolves
 * {@code ~} against every home the commands may take for theirs.
 *
 * @param enabled whether to use bubblewrap when it works here
 * @param required whether commands are refused without a working sandbox
 * @param network whether sandboxed commands reach the network
 * @param hide more files and directories to hide, besides the built-in list
 * @param writable more directories commands may write to, besides the workspace
 */
public record SandboxConfig(boolean enabled, boolean required, boolean network, List<String> hide,
                            List<String> writable) {

    /** Checks and copies the fields. */
    public SandboxConfig {
        hide = List.copyOf(hide);
        writable = List.copyOf(writable);
    }

    /**
     * Reads the section from a validated configuration.
     *
     * @param config the configuration
     * @return the sandbox settings, defaults where the file says nothing
     */
    public static SandboxConfig of(JClawConfig config) {
        JsonObject s = config.raw().optObject("sandbox").orElse(JsonObject.EMPTY);
        return new SandboxConfig(s.optBoolean("enabled").orElse(true), s.optBoolean("required").orElse(false),
                s.optBoolean("network").orElse(false), strings(s, "hide"), strings(s, "writable"));
    }

    private static List<String> strings(JsonObject section, String name) {
        return section.optArray(name).map(SandboxConfig::strings).orElse(List.of());
    }

    private static List<String> strings(JsonArray array) {
        // the schema allows strings only
        return array.elements().stream().map(v -> ((JsonString) v).value()).toList();
    }
}
