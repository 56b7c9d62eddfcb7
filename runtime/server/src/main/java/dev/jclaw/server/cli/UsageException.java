package dev.jclaw.server.cli;

/** The command line was wrong: exit code 2, one sentence on stderr, and a pointer to {@code jclaw help}. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public UsageException(String message) {
        super(message);
    }
}
