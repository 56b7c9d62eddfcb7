package dev.jclaw.agent.gateway;

import dev.jclaw.api.gateway.FailureReason;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.model.Usage;
import java.util.Optional;

/** Translates the core's turn events into the plugin API's, which is all a channel sees. */
final class TurnEvents {
    /** Arguments and outputs shown to a channel are cut to this many characters. */
    static final int PREVIEW = 2_000;

    private TurnEvents() {
    }

    /**
     * Translates one event.
     *
     * @param event the core's event
     * @return the channel's event, or empty for what channels do not see (retries, compactions)
     */
    static Optional<TurnEvent> of(AgentEvent event) {
        return Optional.ofNullable(switch (event) {
            case AgentEvent.Queued q -> new TurnEvent.Queued(q.position());
            case AgentEvent.TextDelta t -> new TurnEvent.TextDelta(t.text());
            case AgentEvent.ReasoningDelta r -> new TurnEvent.ReasoningDelta(r.text());
            case AgentEvent.ToolStarted s -> new TurnEvent.ToolStarted(s.callId(), s.tool(), preview(s.arguments()));
            case AgentEvent.ToolFinished f -> new TurnEvent.ToolFinished(f.callId(), f.tool(),
                    !(f.result() instanceof ToolResult.Ok), preview(text(f.result())), f.elapsed());
            case AgentEvent.Recalled r -> new TurnEvent.MemoryRecalled(r.source(), r.text());
            case AgentEvent.UsageReported u -> new TurnEvent.UsageReported(usage(u.turn()));
            case AgentEvent.Done d -> new TurnEvent.Done(d.answer(), usage(d.usage()));
            case AgentEvent.Failed f when f.reason() == TurnFailure.ABORTED -> new TurnEvent.Aborted(f.partialAnswer());
            case AgentEvent.Failed f -> new TurnEvent.Failed(reason(f.reason()), f.message(), f.partialAnswer());
            case AgentEvent.ApprovalRequested a -> new TurnEvent.ApprovalRequested(a.approvalId(), a.tool(),
                    preview(a.arguments()), a.deadline());
            case AgentEvent.Retrying r -> null;
            case AgentEvent.Compaction c -> null;
        });
    }

    /**
     * Maps a failure reason of the core to the API's.
     *
     * @param reason the core's reason
     * @return the API's reason
     */
    static FailureReason reason(TurnFailure reason) {
        return switch (reason) {
            case AUTH, BAD_REQUEST, NOT_CONFIGURED -> FailureReason.MODEL_REFUSED;
            case SERVER, NETWORK, BAD_RESPONSE -> FailureReason.MODEL_UNAVAILABLE;
            case RATE_LIMIT -> FailureReason.RATE_LIMITED;
            case CONTEXT_OVERFLOW -> FailureReason.CONTEXT_TOO_LONG;
            case TIMEOUT -> FailureReason.TIMEOUT;
            case STEP_BUDGET, UNKNOWN_TOOL_LOOP, EMPTY_ANSWER -> FailureReason.STEP_LIMIT;
            // an aborted turn is TurnEvent.Aborted, never Failed; mapped all the same so the switch stays total
            case ABORTED, INTERNAL -> FailureReason.INTERNAL;
        };
    }

    /**
     * Tells whether an event ends its turn.
     *
     * @param event the event
     * @return whether it is Done, Failed or Aborted
     */
    static boolean last(TurnEvent event) {
        return event instanceof TurnEvent.Done || event instanceof TurnEvent.Failed
                || event instanceof TurnEvent.Aborted;
    }

    static TurnEvent.TokenUsage usage(Usage usage) {
        return new TurnEvent.TokenUsage(usage.inputTokens(), usage.outputTokens(), usage.cachedTokens());
    }

    private static String text(ToolResult result) {
        return switch (result) {
            case ToolResult.Ok ok -> ok.content();
            case ToolResult.Failed failed -> failed.message();
            case ToolResult.Denied denied -> denied.reason();
        };
    }

    static String preview(String text) {
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…";
    }
}
