package dev.jclaw.api.json;

/**
 * Malformed JSON text, or a JSON value of the wrong shape. The message is one sentence fit for a user.
 *
 * @since 0.1
 */
public class JsonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where parsing failed, or -1 when the error is not about text. */
    private final int offset;

    /**
     * Creates an exception about a value's shape.
     *
     * @param message the message
     */
    public JsonException(String message) {
        this(message, -1);
    }

    /**
     * Creates an exception about text.
     *
     * @param message the message
     * @param offset the character offset where parsing failed
     */
    public JsonException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /**
     * Returns where parsing failed.
     *
     * @return the character offset, or -1 when the error is not about text
     */
    public int offset() {
        return offset;
    }
}
