package dev.jclaw.api.json;

import java.util.Objects;

/**
 * A JSON string.
 *
 * @param value the string, never {@code null}
 * @since 0.1
 */
public record JsonString(String value) implements JsonValue {
    /** Checks the value. */
    public JsonString {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return toJson();
    }
}
