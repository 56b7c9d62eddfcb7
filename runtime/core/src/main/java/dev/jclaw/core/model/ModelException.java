package dev.jclaw.core.model;

import java.time.Duration;
import java.util.Optional;

/**
 * A model request failed. The message is one sentence fit for a user; the kind says what a caller may do about it.
 */
public final class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as a caller needs to know. */
    public enum Kind {
        /** The prompt is larger than the model's context window: compact and retry. */
        CONTEXT_OVERFLOW,
        /** Too many requests: retry after a while. */
        RATE_LIMIT,
        /** The API key is missing, wrong or lacks permission. */
        AUTH,
        /** The request or the gap between chunks took too long. */
        TIMEOUT,
        /** The provider failed (5xx). */
        SERVER,
        /** The provider could not be reached. */
        NETWORK,
        /** The provider answered with something that is not a valid response, or the stream was cut off. */
        BAD_RESPONSE,
        /** The request itself was refused (4xx other than the above), e.g. an unknown model. */
        BAD_REQUEST,
        /** No model is configured, or the name routes to no provider. */
        NOT_CONFIGURED
    }

    private final Kind kind;
    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param kind the kind
     * @param message one sentence for the user
     * @param retryAfter how long the provider asked to wait, or {@code null}
     * @param cause the cause, or {@code null}
     */
    public ModelException(Kind kind, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /**
     * Creates the exception.
     *
     * @param kind the kind
     * @param message one sentence for the user
     */
    public ModelException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    /** @return the kind */
    public Kind kind() {
        return kind;
    }

    /** @return how long the provider asked to wait, from {@code Retry-After} */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return whether retrying the same request may succeed */
    public boolean retryable() {
        return kind == Kind.RATE_LIMIT || kind == Kind.SERVER || kind == Kind.NETWORK || kind == Kind.TIMEOUT;
    }
}
