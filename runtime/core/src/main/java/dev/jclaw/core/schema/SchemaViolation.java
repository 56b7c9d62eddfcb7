package dev.jclaw.core.schema;

import java.util.Objects;

/**
 * One way a value does not match its schema.
 *
 * @param path where in the value, e.g. {@code options.depth} or {@code files[2]}; empty for the value itself
 * @param message what is wrong, e.g. {@code expected string, got number}
 */
public record SchemaViolation(String path, String message) {
    /** Checks the fields. */
    public SchemaViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
