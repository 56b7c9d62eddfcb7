package dev.jclaw.core.event;

import dev.jclaw.core.model.ModelException;

/**
 * Why a turn ended without an answer ({@link AgentEvent.Failed}). Finer than the plugin API's
 * {@link dev.jclaw.api.gateway.FailureReason}, which the gateway maps these to; each has a stable {@link #code()}
 * that {@code jclaw run --json}, the metrics and the log show.
 */
public enum TurnFailure {
    /** A person stopped the turn (a channel shows it as aborted, not as failed). */
    ABORTED("aborted"),
    /** The turn, or the gap between two model chunks, ran out of time. */
    TIMEOUT("timeout"),
    /** The turn used up its steps. */
    STEP_BUDGET("step_budget"),
    /** The model kept calling tools that do not exist. */
    UNKNOWN_TOOL_LOOP("unknown_tool_loop"),
    /** The model kept answering nothing. */
    EMPTY_ANSWER("empty_answer"),
    /** The conversation does not fit the model's context, even after compaction. */
    CONTEXT_OVERFLOW("context_overflow"),
    /** The provider's rate limit or quota was hit. */
    RATE_LIMIT("rate_limit"),
    /** The provider refused the credentials. */
    AUTH("auth"),
    /** The provider failed (5xx). */
    SERVER("server"),
    /** The provider could not be reached. */
    NETWORK("network"),
    /** The provider answered with something that is not a valid response, or cut the stream off. */
    BAD_RESPONSE("bad_response"),
    /** The provider refused the request itself, e.g. an unknown model. */
    BAD_REQUEST("bad_request"),
    /** No model is configured, or the name routes to no provider. */
    NOT_CONFIGURED("not_configured"),
    /** Anything else; the message says what. */
    INTERNAL("internal");

    private final String code;

    TurnFailure(String code) {
        this.code = code;
    }

    /**
     * Returns the stable code.
     *
     * @return e.g. {@code step_budget}
     */
    public String code() {
        return code;
    }

    /**
     * Reads a code back, e.g. from an event a server sent.
     *
     * @param code a code, e.g. {@code step_budget}
     * @return the failure of that code; {@link #INTERNAL} for a code this version does not know
     */
    public static TurnFailure ofCode(String code) {
        for (TurnFailure failure : values()) {
            if (failure.code.equals(code)) {
                return failure;
            }
        }
        return INTERNAL;
    }

    /**
     * Returns the failure a model error ends a turn with.
     *
     * @param kind the model error's kind
     * @return the failure of the same name
     */
    public static TurnFailure of(ModelException.Kind kind) {
        return switch (kind) {
            case CONTEXT_OVERFLOW -> CONTEXT_OVERFLOW;
            case RATE_LIMIT -> RATE_LIMIT;
            case AUTH -> AUTH;
            case TIMEOUT -> TIMEOUT;
            case SERVER -> SERVER;
            case NETWORK -> NETWORK;
            case BAD_RESPONSE -> BAD_RESPONSE;
            case BAD_REQUEST -> BAD_REQUEST;
            case NOT_CONFIGURED -> NOT_CONFIGURED;
        };
    }
}
