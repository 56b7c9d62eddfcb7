package dev.jclaw.api.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a channel sees of a turn, in order. A turn ends with exactly one of {@link Done}, {@link Failed} and
 * {@link Aborted}.
 *
 * @since 1.3
 */
public sealed interface TurnEvent {

    /**
     * The turn waits behind others of the same conversation.
     *
     * @param position how many turns are ahead of it
     */
    record Queued(int position) implements TurnEvent {
    }

    /**
     * Text of the answer, as it streams.
     *
     * @param text the next piece
     */
    record TextDelta(String text) implements TurnEvent {
    }

    /**
     * The model's reasoning, as it streams, where the model shows it.
     *
     * @param text the next piece
     */
    record ReasoningDelta(String text) implements TurnEvent {
    }

    /**
     * A tool call starts.
     *
     * @param callId the call's id
     * @param tool the tool
     * @param arguments the arguments as the model sent them (JSON text), cut to a preview
     */
    record ToolStarted(String callId, String tool, String arguments) implements TurnEvent {
    }

    /**
     * A tool call ended.
     *
     * @param callId the call's id
     * @param tool the tool
     * @param error whether it failed or was refused
     * @param output what the model sees of its result, cut to a preview
     * @param elapsed how long it ran
     */
    record ToolFinished(String callId, String tool, boolean error, String output, Duration elapsed)
            implements TurnEvent {
    }

    /**
     * A call waits for the yes of the user who started the turn (or an admin), answered through
     * {@link AgentGateway#answer}; when the deadline passes it is refused.
     *
     * @param approvalId the id to answer
     * @param tool the tool
     * @param arguments the arguments (JSON text), cut to a preview
     * @param deadline when it is refused unanswered
     */
    record ApprovalRequested(String approvalId, String tool, String arguments, Instant deadline)
            implements TurnEvent {
    }

    /**
     * Memory recalled into this turn's context.
     *
     * @param source where it came from, e.g. {@code fact}, {@code procedure}, {@code archive}
     * @param text what was recalled
     */
    record MemoryRecalled(String source, String text) implements TurnEvent {
    }

    /**
     * Tokens used so far in this turn.
     *
     * @param usage the turn's usage up to now
     */
    record UsageReported(TokenUsage usage) implements TurnEvent {
    }

    /**
     * The turn ended with an answer.
     *
     * @param answer the whole answer
     * @param usage what the turn used
     */
    record Done(String answer, TokenUsage usage) implements TurnEvent {
        /** Checks the fields. */
        public Done {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /**
     * The turn failed.
     *
     * @param reason why, as a channel may act on it
     * @param message one sentence for the user
     * @param partialAnswer what was streamed before it failed
     */
    record Failed(FailureReason reason, String message, String partialAnswer) implements TurnEvent {
        /** Checks the fields. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(partialAnswer, "partialAnswer");
        }
    }

    /**
     * The turn was stopped, or withdrawn before it started.
     *
     * @param partialAnswer what was streamed before it stopped
     */
    record Aborted(String partialAnswer) implements TurnEvent {
    }

    /**
     * Tokens a turn used.
     *
     * @param prompt prompt tokens, cached ones included
     * @param completion completion tokens
     * @param cached prompt tokens the provider served from its cache
     */
    record TokenUsage(long prompt, long completion, long cached) {
        /** Nothing used. */
        public static final TokenUsage NONE = new TokenUsage(0, 0, 0);

        /**
         * Returns prompt and completion tokens.
         *
         * @return prompt and completion tokens
         */
        public long total() {
            return prompt + completion;
        }
    }
}
