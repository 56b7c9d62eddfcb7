package dev.jclaw.api.gateway;

/**
 * Why a turn failed, as a channel may act on it (retry later, tell the user to shorten the message, ...).
 *
 * @since 1.3
 */
public enum FailureReason {
    /** The model's provider refused the credentials or the request. */
    MODEL_REFUSED,
    /** The model's provider could not be reached or kept failing. */
    MODEL_UNAVAILABLE,
    /** The provider's rate limit or quota was hit. */
    RATE_LIMITED,
    /** The conversation no longer fits the model's context, even after compaction. */
    CONTEXT_TOO_LONG,
    /** The turn ran out of time. */
    TIMEOUT,
    /** The turn used up its steps. */
    STEP_LIMIT,
    /** Anything else; the message says what. */
    INTERNAL
}
