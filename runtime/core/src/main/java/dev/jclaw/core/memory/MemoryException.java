package dev.jclaw.core.memory;

/** Memory could not be read or written; the message says what and why, in one sentence. */
public final class MemoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param cause the cause, may be null
     */
    public MemoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public MemoryException(String message) {
        super(message);
    }
}
