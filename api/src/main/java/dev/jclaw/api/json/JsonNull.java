package dev.jclaw.api.json;

/**
 * The JSON {@code null}.
 *
 * @since 0.1
 */
public record JsonNull() implements JsonValue {
    /** The one instance. */
    public static final JsonNull INSTANCE = new JsonNull();

    @Override
    public String toString() {
        return "null";
    }
}
