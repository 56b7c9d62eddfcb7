package dev.jclaw.config;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.core.sandbox.SandboxPaths;
import dev.jclaw.core.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code sandbox} in {@code jclaw.json} (already validated against the schema, which gives the defaults). */
public final class SandboxConfig {
    private SandboxConfig() {
    }

    /**
     * Reads the section from a validated configuration.
     *
     * @param config the configuration
     * @return the sandbox settings, defaults where the file says nothing
     */
    public static SandboxSettings of(JClawConfig config) {
        JsonObject s = config.raw().optObject("sandbox").orElse(JsonObject.EMPTY);
        return new SandboxSettings(s.optBoolean("enabled").orElse(true), s.optBoolean("required").orElse(false),
                s.optBoolean("network").orElse(false), strings(s, "hide"), strings(s, "writable"));
    }

    /**
     * Returns the paths of a configuration: JClaw's home, data directory and configuration file, the configured
     * {@code sandbox.hide} and {@code sandbox.writable}, and as homes both {@code $HOME} and the JVM's
     * {@code user.home} when they differ. The bash sandbox hides {@link #hidden()}, and the file tools keep out of
     * the same list, whether the sandbox is on or not.
     *
     * @param config the configuration
     * @param environment the server's environment, for {@code HOME}
     * @return the paths
     */
    public static SandboxPaths paths(JClawConfig config, Map<String, String> environment) {
        List<Path> homes = new ArrayList<>();
        Optional.ofNullable(environment.get("HOME")).filter(h -> h.startsWith("/")).map(Path::of).ifPresent(homes::add);
        Path userHome = Path.of(System.getProperty("user.home"));
        if (!homes.contains(userHome)) {
            homes.add(userHome);
        }
        List<Path> own = new ArrayList<>(List.of(config.home(), config.dataDir()));
        config.file().ifPresent(own::add);
        SandboxSettings settings = of(config);
        return new SandboxPaths(own, homes, settings.hide(), settings.writable());
    }

    private static List<String> strings(JsonObject section, String name) {
        return section.optArray(name).map(SandboxConfig::strings).orElse(List.of());
    }

    private static List<String> strings(JsonArray array) {
        // the schema allows strings only
        return array.elements().stream().map(v -> ((JsonString) v).value()).toList();
    }
}
