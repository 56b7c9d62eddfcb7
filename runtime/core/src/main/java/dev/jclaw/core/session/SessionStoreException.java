package dev.jclaw.core.session;

/** The session store failed (disk full, database gone, data damaged); nothing half-written was kept. */
public final class SessionStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one sentence for the user: what failed and what to do
     */
    public SessionStoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message one sentence for the user: what failed and what to do
     * @param cause the cause, logged
     */
    public SessionStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
