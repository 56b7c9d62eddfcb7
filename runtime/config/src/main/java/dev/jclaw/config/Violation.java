package dev.jclaw.config;

/**
 * A problem with one value, before it is known where the value came from; the loader turns it into a
 * {@link ConfigException} naming the file or the environment variable.
 */
final class Violation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient KeyPath path;

    Violation(KeyPath path, String problem) {
        super(problem, null, false, false);
        this.path = path;
    }

    KeyPath path() {
        return path;
    }

    String problem() {
        return getMessage();
    }
}
