package dev.jclaw.config;

import java.util.Objects;

/**
 * An environment variable that sets a configuration key, e.g. {@code JCLAW_SERVER_PORT} for {@code server.port}.
 * The variable is {@code JCLAW_} followed by the key's names upper-cased and joined by {@code _}, with dashes
 * turned into {@code _}.
 *
 * @param variable the variable name
 * @param keyPath the key it sets, dotted
 * @param expected what its value must be, as in messages: "an integer between 0 and 65535", "true or false"
 */
public record EnvironmentOverride(String variable, String keyPath, String expected) {
    /** Checks the fields. */
    public EnvironmentOverride {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(expected, "expected");
    }
}
