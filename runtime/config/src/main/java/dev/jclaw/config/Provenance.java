package dev.jclaw.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a loaded configuration came from: the file, if any, and which keys environment variables set. Used to
 * report problems found after loading, such as a port in use, in the same format as load errors.
 */
public final class Provenance {

    /** The source named in messages when no file was found. */
    public static final String DEFAULTS = "default configuration";

    private final Path file;
    private final String source;
    private final Map<String, String> variables;

    private Provenance(Path file, String source, Map<String, String> variables) {
        this.file = file;
        this.source = source;
        this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }

    static Provenance fromFile(ConfigFile file, Map<String, String> variables) {
        return new Provenance(file.path(), file.name(), variables);
    }

    static Provenance fromDefaults(Map<String, String> variables) {
        return new Provenance(null, DEFAULTS, variables);
    }

    /**
     * Returns the file the configuration was read from.
     *
     * @return the absolute path, or empty when no file was found and only defaults and the environment apply
     */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Returns the file as named in messages.
     *
     * @return the path relative to the working directory when inside it, else absolute; or {@value #DEFAULTS}
     */
    public String source() {
        return source;
    }

    /**
     * Returns the keys that environment variables set.
     *
     * @return variable names by key path (e.g. {@code server.port -> JCLAW_SERVER_PORT}), in schema order
     */
    public Map<String, String> environmentOverrides() {
        return variables;
    }

    /**
     * Describes a problem with a loaded value, naming its environment variable when one set it, else the file.
     *
     * <pre>{@code
     * throw config.provenance().error("server.port", "port 7878 is in use; expected a free port, or 0");
     * }</pre>
     *
     * @param keyPath the dotted key path
     * @param problem what was expected and what was found
     * @return the exception, to throw
     */
    public ConfigException error(String keyPath, String problem) {
        Objects.requireNonNull(keyPath, "keyPath");
        String variable = variables.get(keyPath);
        return variable != null ? ConfigException.inEnvironment(variable, keyPath, problem)
                : ConfigException.at(source, keyPath, problem);
    }

    @Override
    public String toString() {
        return variables.isEmpty() ? source : source + " with " + String.join(", ", variables.values());
    }
}
