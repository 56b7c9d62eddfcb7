package dev.jclaw.server.auth;

import java.util.Objects;

/** An account operation was refused: the sentence says why and what to do. */
public final class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal: how the HTTP API answers it (404, 409, 400). */
    public enum Problem {
        /** No such user or key. */
        NOT_FOUND,
        /** The name is taken or reserved. */
        CONFLICT,
        /** A value breaks a rule, e.g. a password too short. */
        INVALID
    }

    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem the kind
     * @param message the sentence
     */
    public AccountException(Problem problem, String message) {
        super(message);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return the kind of refusal */
    public Problem problem() {
        return problem;
    }
}
