package dev.jclaw.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Configuration that JClaw cannot start with. The message is one line naming where the value came from, its key
 * path and what was expected:
 *
 * <pre>
 * configs/jclaw.json: server.port: expected an integer between 0 and 65535, got "eighty"
 * environment JCLAW_SERVER_PORT (server.port): expected an integer between 0 and 65535, got "x"
 * </pre>
 *
 * Secret values (keys containing {@code token}, {@code password}, {@code secret} or {@code api-key}) never appear
 * in the message.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The {@link #source()} of problems with environment variables. */
    public static final String ENVIRONMENT = "environment";

    private final String source;
    private final String keyPath;
    private final String variable;

    private ConfigException(String source, String keyPath, String variable, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.keyPath = keyPath;
        this.variable = variable;
    }

    /**
     * A problem with a value from a file, or from the built-in defaults; also for problems found later, such as
     * a port in use.
     *
     * <pre>{@code
     * throw ConfigException.at("configs/jclaw.json", "server.port", "port 7878 is in use; expected a free port");
     * }</pre>
     *
     * @param source the file as shown to the user, or another origin such as {@code "default configuration"}
     * @param keyPath the dotted key path, or {@code ""} when the problem is with the whole file
     * @param problem what was expected and what was found
     * @return the exception, with message {@code <source>: <keyPath>: <problem>}
     */
    public static ConfigException at(String source, String keyPath, String problem) {
        return at(source, keyPath, problem, null);
    }

    static ConfigException at(String source, String keyPath, String problem, Throwable cause) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(problem, "problem");
        String where = keyPath.isEmpty() ? source : source + ": " + keyPath;
        return new ConfigException(source, keyPath, null, where + ": " + problem, cause);
    }

    /**
     * A problem with a value from an environment variable.
     *
     * @param variable the variable, e.g. {@code JCLAW_SERVER_PORT}
     * @param keyPath the key path it sets, or {@code ""} when it sets none (such as {@code JCLAW_HOME})
     * @param problem what was expected and what was found
     * @return the exception, with message {@code environment <variable> (<keyPath>): <problem>}
     */
    public static ConfigException inEnvironment(String variable, String keyPath, String problem) {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(problem, "problem");
        String where = keyPath.isEmpty() ? variable : variable + " (" + keyPath + ")";
        return new ConfigException(ENVIRONMENT, keyPath, variable, ENVIRONMENT + " " + where + ": " + problem, null);
    }

    /**
     * Returns where the bad value came from.
     *
     * @return the file as shown in the message, or {@value #ENVIRONMENT}
     */
    public String source() {
        return source;
    }

    /**
     * Returns the key path of the bad value.
     *
     * @return a path like {@code server.port}, or {@code ""} when the problem is with the whole file
     */
    public String keyPath() {
        return keyPath;
    }

    /**
     * Returns the environment variable that held the bad value.
     *
     * @return the variable name, or empty when the value came from a file
     */
    public Optional<String> variable() {
        return Optional.ofNullable(variable);
    }
}
