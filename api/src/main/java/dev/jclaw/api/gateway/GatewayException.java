package dev.jclaw.api.gateway;

import java.util.Objects;

/**
 * A gateway request that cannot be served, with one sentence for the user and a kind a channel maps to its own
 * answer (an HTTP status, a card, an error line).
 *
 * @since 1.3
 */
public final class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** No such conversation or approval, or not the principal's (the two are not told apart). */
        NOT_FOUND,
        /** The principal may not do this, e.g. answer another user's approval. */
        FORBIDDEN,
        /** The request is malformed or out of range. */
        INVALID,
        /** Too many turns running or queued for this principal or conversation; try again later. */
        BUSY,
        /** The agent cannot serve now, e.g. the database is unavailable. */
        UNAVAILABLE
    }

    private final Kind kind;

    /**
     * Creates the exception.
     *
     * @param kind what went wrong
     * @param message one sentence for the user
     */
    public GatewayException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Returns what went wrong.
     *
     * @return what went wrong
     */
    public Kind kind() {
        return kind;
    }
}
