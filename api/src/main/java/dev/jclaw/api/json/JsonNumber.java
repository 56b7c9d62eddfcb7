package dev.jclaw.api.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number, kept exactly as a {@link BigDecimal}.
 *
 * @param value the number, never {@code null}
 * @since 0.1
 */
public record JsonNumber(BigDecimal value) implements JsonValue {
    /** Checks the value. */
    public JsonNumber {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a number from a {@code long}.
     *
     * @param value the value
     * @return the JSON number
     */
    public static JsonNumber of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    /**
     * Returns whether this number is an integer that fits in a {@code long}.
     *
     * @return {@code true} for integral values within the {@code long} range
     */
    public boolean isLong() {
        try {
            value.longValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
