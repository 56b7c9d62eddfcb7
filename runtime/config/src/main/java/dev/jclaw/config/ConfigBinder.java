package dev.jclaw.config;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the checked document, defaults filled in, into {@link JClawConfig}. Defaults come from the schema
 * only; a key missing here is a schema without a default, a bug.
 */
final class ConfigBinder {

    private final Path workingDir;
    private final Path userHome;
    private final Provenance provenance;
    private final java.util.Map<String, String> environment;

    ConfigBinder(Path workingDir, Path userHome, Provenance provenance, java.util.Map<String, String> environment) {
        this.workingDir = workingDir;
        this.userHome = userHome;
        this.provenance = provenance;
        this.environment = environment;
    }

    JClawConfig bind(JsonObject raw, Path home) {
        JsonObject server = object(raw, "server");
        JsonObject plugins = object(raw, "plugins");
        Path dataDir = raw.optString("data-dir").map(text -> path(text, "data-dir")).orElse(home.resolve("data"));
        Path workspace = raw.optString("workspace").map(text -> path(text, "workspace"))
                .orElse(dataDir.resolve("workspace"));
        return new JClawConfig(
                new JClawConfig.Server(
                        string(server, "host"),
                        Math.toIntExact(integer(server, "port")),
                        Duration.ofSeconds(integer(server, "shutdown-grace-seconds")),
                        integer(server, "max-body-bytes"),
                        new JClawConfig.ConnectionLimits(
                                Duration.ofMillis(integer(server, "header-timeout-ms")),
                                Duration.ofMillis(integer(server, "read-timeout-ms")),
                                Duration.ofSeconds(integer(server, "idle-timeout-seconds")),
                                Math.toIntExact(integer(server, "max-connections"))),
                        strings(server, "allowed-hosts")),
                admin(raw.optObject("admin").orElse(JsonObject.EMPTY)),
                new JClawConfig.Plugins(
                        path(string(plugins, "dir"), "plugins.dir"),
                        Duration.ofMillis(integer(plugins, "start-timeout-ms")),
                        Duration.ofMillis(integer(plugins, "drain-timeout-ms")),
                        plugins.optBoolean("watch").orElseThrow(() -> noDefault("watch")),
                        pluginSections(object(plugins, "config"))),
                ModelsBinder.models(raw, environment, provenance),
                ModelsBinder.agent(raw),
                home, dataDir, workspace, provenance, raw);
    }

    private JClawConfig.Admin admin(JsonObject admin) {
        JClawConfig.Admin settings = admin.optString("token").map(JClawConfig.Admin::withToken)
                .orElse(JClawConfig.Admin.withoutToken());
        return admin.optString("token-file").map(text -> settings.withTokenFile(path(text, "admin.token-file")))
                .orElse(settings);
    }

    /**
     * Resolves a path from the configuration: {@code ~} and {@code ~/...} against the user's home, other
     * relative paths against the working directory.
     *
     * @throws InvalidPathException when the text is not a path on this platform
     */
    static Path resolve(String text, Path workingDir, Path userHome) {
        Path path;
        if (text.equals("~")) {
            path = userHome;
        } else if (text.startsWith("~/")) {
            path = userHome.resolve(text.substring(2));
        } else {
            path = workingDir.resolve(Path.of(text));
        }
        return path.toAbsolutePath().normalize();
    }

    private Path path(String text, String keyPath) {
        try {
            return resolve(text, workingDir, userHome);
        } catch (InvalidPathException e) {
            throw provenance.error(keyPath, "expected a file system path, got "
                    + Validator.describeText(text, KeyPath.ROOT) + " (" + e.getReason() + ")");
        }
    }

    private static Map<String, JsonObject> pluginSections(JsonObject config) {
        Map<String, JsonObject> sections = new LinkedHashMap<>();
        config.members().forEach((id, section) -> {
            if (!(section instanceof JsonObject object)) {
                throw new IllegalStateException("plugins.config." + id + " passed the schema but is not an object");
            }
            sections.put(id, object);
        });
        return sections;
    }

    private static JsonObject object(JsonObject parent, String name) {
        return parent.optObject(name).orElseThrow(() -> noDefault(name));
    }

    private static String string(JsonObject parent, String name) {
        return parent.optString(name).orElseThrow(() -> noDefault(name));
    }

    private static long integer(JsonObject parent, String name) {
        return parent.optLong(name).orElseThrow(() -> noDefault(name));
    }

    private static java.util.List<String> strings(JsonObject parent, String name) {
        return parent.optArray(name).orElseThrow(() -> noDefault(name)).elements().stream()
                .map(value -> ((dev.jclaw.api.json.JsonString) value).value()).toList();
    }

    private static IllegalStateException noDefault(String name) {
        return new IllegalStateException("the configuration schema gives no default for " + name);
    }
}
