package dev.jclaw.core.identity;

/** An identity store failed (database gone, disk full, data damaged); nothing half-written was kept. */
public final class IdentityStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one sentence for the user: what failed and what to do
     */
    public IdentityStoreException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message one sentence for the user: what failed and what to do
     * @param cause the cause, logged
     */
    public IdentityStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
