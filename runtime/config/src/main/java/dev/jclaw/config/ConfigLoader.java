package dev.jclaw.config;

import dev.jclaw.api.json.JsonObject;
import java.lang.System.Logger.Level;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads {@code jclaw.json}: finds the file, resolves {@code {env:VAR}} placeholders, checks it against the
 * bundled schema, applies {@code JCLAW_*} environment overrides and fills in defaults.
 *
 * <p>The file is the one given explicitly ({@code --config FILE}), else the first that exists of
 * {@code ./jclaw.json}, {@code ./configs/jclaw.json} and {@code $JCLAW_HOME/jclaw.json}. Without any file the
 * defaults and the environment apply. Relative paths in values resolve against the working directory.
 *
 * <pre>{@code
 * JClawConfig config = ConfigLoader.system().load();
 *
 * JClawConfig inTest = ConfigLoader.builder()
 *         .workingDir(tempDir)
 *         .environment(Map.of("JCLAW_SERVER_PORT", "0"))
 *         .build()
 *         .load();
 * }</pre>
 *
 * <p>Any problem stops loading with one {@link ConfigException}: the first problem in document order.
 */
public final class ConfigLoader {

    /** The file name looked for. */
    public static final String FILE_NAME = "jclaw.json";
    /** The variable naming JClaw's home directory; it is not a configuration key. */
    public static final String HOME_VARIABLE = "JCLAW_HOME";
    /** Larger files are refused. */
    public static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(ConfigLoader.class.getName());

    private final Path workingDir;
    private final Map<String, String> environment;
    private final Path userHome;
    private final Path explicitFile;
    private final Path appHome;

    private ConfigLoader(Builder builder) {
        this.workingDir = builder.workingDir.toAbsolutePath().normalize();
        this.environment = Map.copyOf(builder.environment);
        this.userHome = builder.userHome.toAbsolutePath().normalize();
        this.explicitFile = builder.explicitFile;
        this.appHome = builder.appHome;
    }

    /**
     * Starts a builder. Its defaults: the current directory, an empty environment, the {@code user.home}
     * system property, and discovery instead of an explicit file.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the loader for production: the current directory and the process environment.
     *
     * @return the loader
     */
    public static ConfigLoader system() {
        return systemBuilder().build();
    }

    /**
     * Returns the loader for production with a file given on the command line.
     *
     * @param file the file; relative to the current directory unless absolute
     * @return the loader
     */
    public static ConfigLoader system(Path file) {
        return systemBuilder().file(file).build();
    }

    private static Builder systemBuilder() {
        Builder builder = builder().environment(System.getenv());
        String appHome = System.getProperty("jclaw.app.home");
        if (appHome != null && !appHome.isBlank()) {
            builder.appHome(Path.of(appHome));
        }
        return builder;
    }

    /**
     * Returns every environment variable that sets a configuration key, in schema order: {@code JCLAW_} and
     * the key's names upper-cased, joined by {@code _}, dashes turned into {@code _}.
     *
     * @return the mapping, e.g. {@code JCLAW_SERVER_PORT -> server.port}
     */
    public static List<EnvironmentOverride> environmentMapping() {
        return EnvironmentOverrides.mapping(ConfigSchema.bundled());
    }

    /**
     * Returns JClaw's home: {@code $JCLAW_HOME}, by default {@code ~/.jclaw}.
     *
     * @return the absolute path
     * @throws ConfigException when {@code JCLAW_HOME} is not a path
     */
    public Path home() {
        String value = environment.get(HOME_VARIABLE);
        if (value == null || value.isEmpty()) {
            return userHome.resolve(".jclaw");
        }
        try {
            return ConfigBinder.resolve(value, workingDir, userHome);
        } catch (InvalidPathException e) {
            throw ConfigException.inEnvironment(HOME_VARIABLE, "", "expected a directory path, got "
                    + Validator.describeText(value, KeyPath.ROOT) + " (" + e.getReason() + ")");
        }
    }

    /**
     * A loaded configuration and what in it is allowed but most likely a mistake.
     *
     * @param config the configuration
     * @param warnings one sentence each: an unknown {@code JCLAW_*} variable (with the closest one there is), a
     *                 plugins directory that does not exist
     */
    public record Checked(JClawConfig config, List<String> warnings) {
        /** Copies the list. */
        public Checked {
            Objects.requireNonNull(config, "config");
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Loads the configuration and logs each warning at WARNING.
     *
     * @return the configuration
     * @throws ConfigException naming the file or variable, the key path and what was expected
     */
    public JClawConfig load() {
        Checked checked = check();
        checked.warnings().forEach(warning -> LOG.log(Level.WARNING, warning));
        return checked.config();
    }

    /**
     * Loads the configuration and returns the warnings instead of logging them, for {@code jclaw config check}.
     *
     * @return the configuration and its warnings
     * @throws ConfigException naming the file or variable, the key path and what was expected
     */
    public Checked check() {
        Path home = home();
        Optional<ConfigFile> file = explicitFile != null
                ? Optional.of(ConfigFile.explicit(explicitFile, workingDir))
                : ConfigFile.discover(workingDir, home);
        String source = file.map(ConfigFile::name).orElse(Provenance.DEFAULTS);
        JsonObject document = file.map(ConfigFile::read).orElse(JsonObject.EMPTY);

        ConfigSchema schema = ConfigSchema.bundled();
        JsonObject checked;
        try {
            checked = (JsonObject) new Validator(environment).check(document, schema.root(), KeyPath.ROOT);
        } catch (Violation v) {
            throw ConfigException.at(source, v.path().text(), v.problem());
        }
        EnvironmentOverrides.Applied applied = EnvironmentOverrides.apply(checked, schema, environment);
        JsonObject raw = schema.root().withDefaults(applied.document());
        Provenance provenance = file.map(f -> Provenance.fromFile(f, applied.variables()))
                .orElseGet(() -> Provenance.fromDefaults(applied.variables()));

        boolean inFile = document.optObject("plugins").flatMap(p -> p.get("dir")).isPresent();
        String variable = applied.variables().get("plugins.dir");
        if (appHome != null && !inFile && variable == null) {
            // the distribution's own plugins directory, wherever the launcher is run from
            raw = withPluginsDir(raw, appHome.resolve(raw.optObject("plugins").orElseThrow().string("dir")));
        }
        JClawConfig config = new ConfigBinder(workingDir, userHome, provenance, environment).bind(raw, home);
        LOG.log(Level.DEBUG, "Configuration from {0}", provenance);

        List<String> warnings = new ArrayList<>(ConfigWarnings.unknownVariables(schema, environment));
        if (variable != null || inFile || appHome != null) {
            // the bare default is the host's to create; a directory someone named should be there
            String text = raw.optObject("plugins").orElseThrow().string("dir");
            ConfigWarnings.pluginsDir(config.plugins().dir(), pluginsDirOrigin(text, variable, inFile ? source : null))
                    .ifPresent(warnings::add);
        }
        return new Checked(config, warnings);
    }

    /** Who set {@code plugins.dir}, for its warning; empty when it is the distribution's own. */
    private Optional<String> pluginsDirOrigin(String text, String variable, String file) {
        String relative = text.startsWith("~") || Path.of(text).isAbsolute() ? ""
                : "; a relative path resolves against the working directory " + workingDir;
        return variable != null ? Optional.of("set by " + variable + relative)
                : file != null ? Optional.of("set in " + file + relative) : Optional.empty();
    }

    /** Builds a {@link ConfigLoader}; tests pass their own directory and environment. */
    private static JsonObject withPluginsDir(JsonObject raw, Path dir) {
        JsonObject plugins = raw.optObject("plugins").orElseThrow();
        java.util.Map<String, dev.jclaw.api.json.JsonValue> p = new java.util.LinkedHashMap<>(plugins.members());
        p.put("dir", new dev.jclaw.api.json.JsonString(dir.toString()));
        java.util.Map<String, dev.jclaw.api.json.JsonValue> r = new java.util.LinkedHashMap<>(raw.members());
        r.put("plugins", new JsonObject(p));
        return new JsonObject(r);
    }

    public static final class Builder {
        private Path workingDir = Path.of("");
        private Map<String, String> environment = Map.of();
        private Path userHome = Path.of(System.getProperty("user.home"));
        private Path explicitFile;
        private Path appHome;

        private Builder() {
        }

        /**
         * Sets the distribution's directory (the launcher passes {@code -Djclaw.app.home}): when neither the file
         * nor the environment sets {@code plugins.dir}, the default {@code plugins} resolves against it, so the
         * built-in plugins load wherever {@code jclaw} is started from.
         *
         * @param dir the distribution's directory
         * @return this builder
         */
        public Builder appHome(Path dir) {
            this.appHome = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
            return this;
        }

        /**
         * Sets the directory searched first and against which relative paths resolve.
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder workingDir(Path dir) {
            this.workingDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Sets the environment: {@code JCLAW_*} overrides, {@code JCLAW_HOME} and placeholder values.
         *
         * @param environment the variables, e.g. {@code System.getenv()}
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Sets the user's home, for the default {@code JCLAW_HOME} ({@code ~/.jclaw}) and for {@code ~} in paths.
         *
         * @param dir the directory
         * @return this builder
         */
        public Builder userHome(Path dir) {
            this.userHome = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Sets the file to load instead of searching; it must exist.
         *
         * @param file the file, relative to the working directory unless absolute
         * @return this builder
         */
        public Builder file(Path file) {
            this.explicitFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /**
         * Builds the loader.
         *
         * @return the loader
         */
        public ConfigLoader build() {
            return new ConfigLoader(this);
        }
    }
}
