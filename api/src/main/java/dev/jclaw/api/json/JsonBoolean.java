package dev.jclaw.api.json;

/**
 * A JSON {@code true} or {@code false}.
 *
 * @param value the boolean
 * @since 0.1
 */
public record JsonBoolean(boolean value) implements JsonValue {
    /** The value {@code true}. */
    public static final JsonBoolean TRUE = new JsonBoolean(true);
    /** The value {@code false}. */
    public static final JsonBoolean FALSE = new JsonBoolean(false);

    /**
     * Returns the shared instance for a boolean.
     *
     * @param value the boolean
     * @return {@link #TRUE} or {@link #FALSE}
     */
    public static JsonBoolean of(boolean value) {
        return value ? TRUE : FALSE;
    }

    @Override
    public String toString() {
        return toJson();
    }
}
