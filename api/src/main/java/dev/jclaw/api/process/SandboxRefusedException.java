package dev.jclaw.api.process;

/**
 * The host refuses to run a command: its configuration requires the sandbox and the sandbox is not available. The
 * message is one sentence for the user, saying why and what to do.
 *
 * @since 1.2
 */
public final class SandboxRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why, in one sentence
     */
    public SandboxRefusedException(String message) {
        super(message);
    }
}
