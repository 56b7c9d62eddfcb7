package dev.jclaw.core.event;

import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What happens during a turn, in order, for every channel to render. Handle it with an exhaustive {@code switch}.
 */
public sealed interface AgentEvent {

    /**
     * The session is busy with another turn; this message waits.
     *
     * @param position how many turns are ahead of it (1 = next)
     */
    record Queued(int position) implements AgentEvent {
    }

    /**
     * A model request failed for a passing reason (the provider unreachable, rate-limiting, failing, slow) before
     * any of its answer was shown, and will be sent again after a wait, so a channel can say so instead of going
     * quiet.
     *
     * @param attempt the attempt that comes next, from 2
     * @param maxAttempts attempts in all, the first included
     * @param delay the wait before it
     * @param reason what went wrong, one sentence for the user (names the provider and the cause)
     */
    record Retrying(int attempt, int maxAttempts, Duration delay, String reason) implements AgentEvent {
        /** Checks the fields. */
        public Retrying {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A piece of the answer text.
     *
     * @param text the new text
     */
    record TextDelta(String text) implements AgentEvent {
    }

    /**
     * A piece of the model's reasoning, shown apart from the answer.
     *
     * @param text the new text
     */
    record ReasoningDelta(String text) implements AgentEvent {
    }

    /**
     * A tool call is about to run (after approval).
     *
     * @param callId the call's id
     * @param tool the tool name
     * @param arguments the arguments as the model sent them (JSON text)
     */
    record ToolStarted(String callId, String tool, String arguments) implements AgentEvent {
    }

    /**
     * A tool call finished, was refused or failed.
     *
     * @param callId the call's id
     * @param tool the tool name
     * @param result the result the model reads
     * @param elapsed how long it ran
     */
    record ToolFinished(String callId, String tool, ToolResult result, Duration elapsed) implements AgentEvent {
    }

    /**
     * A tool call waits for a person's yes or no: the user who started the turn, or an admin, answers it by its id
     * from any channel before the deadline, or it is refused.
     *
     * @param callId the call's id
     * @param tool the tool name
     * @param arguments the arguments (JSON text)
     * @param reason why it needs approval
     * @param approvalId the id an answer names ({@code Approvals.answer})
     * @param deadline when the call is refused if nobody answered
     */
    record ApprovalRequested(String callId, String tool, String arguments, String reason, String approvalId,
                             Instant deadline) implements AgentEvent {
        /** Checks the fields. */
        public ApprovalRequested {
            Objects.requireNonNull(approvalId, "approvalId");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /**
     * Token usage of one model request.
     *
     * @param step this request's usage
     * @param turn the turn's usage so far
     */
    record UsageReported(Usage step, Usage turn) implements AgentEvent {
    }

    /**
     * The conversation's history was compacted before or during this turn (or compaction was tried and did not
     * happen). Nothing is lost: the entries stay in the session; the model reads a summary instead of them.
     *
     * @param trigger {@code budget}, {@code overflow} or {@code command}
     * @param outcome {@code compacted}, or a reason code: {@code nothing_to_compact}, {@code already_running},
     *                {@code model_error}, {@code aborted}, {@code empty_summary}, {@code store_error}
     * @param message one sentence for the user
     */
    record Compaction(String trigger, String outcome, String message) implements AgentEvent {
        /** Checks the fields. */
        public Compaction {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Something retrieved for this user message went into the turn's context (a memory, a document passage), so a
     * channel can show what was remembered. Sent once per snippet, before the first model request.
     *
     * @param source where it comes from, e.g. {@code L2 ab12cd34}
     * @param text the text the model reads
     */
    record Recalled(String source, String text) implements AgentEvent {
        /** Checks the fields. */
        public Recalled {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The turn ended with an answer.
     *
     * @param answer the final answer text
     * @param usage the turn's usage
     * @param steps how many model requests it took
     */
    record Done(String answer, Usage usage, int steps) implements AgentEvent {
        /** Checks the fields. */
        public Done {
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /**
     * The turn ended without an answer. The partial text streamed so far is kept in the session, marked partial.
     *
     * @param reason why: stopped by a person ({@link TurnFailure#ABORTED}), out of time or steps, a model error
     * @param message one sentence for the user
     * @param partialAnswer the text streamed before it ended, may be empty
     */
    record Failed(TurnFailure reason, String message, String partialAnswer) implements AgentEvent {
        /** Checks the fields. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(partialAnswer, "partialAnswer");
        }
    }
}
