package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.FailureReason;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.model.Usage;
import java.util.Optional;

/**
 * A server's turn events as the terminal shows in-process ones: maps each to the {@link AgentEvent} that
 * {@link TerminalRenderer} and {@code --json} already print, so a turn looks the same wherever it ran. The server
 * does not say how many model requests a turn took; each one reports its usage, so they are counted here.
 */
final class RemoteEvents {
    private Usage turn = Usage.NONE;
    private int steps;

    /** @return the event as the terminal shows it, or empty for none */
    Optional<AgentEvent> of(TurnEvent event) {
        return Optional.of(switch (event) {
            case TurnEvent.Queued e -> new AgentEvent.Queued(e.position());
            case TurnEvent.TextDelta e -> new AgentEvent.TextDelta(e.text());
            case TurnEvent.ReasoningDelta e -> new AgentEvent.ReasoningDelta(e.text());
            case TurnEvent.ToolStarted e -> new AgentEvent.ToolStarted(e.callId(), e.tool(), e.arguments());
            case TurnEvent.ToolFinished e -> new AgentEvent.ToolFinished(e.callId(), e.tool(),
                    e.error() ? ToolResult.failed(e.output()) : ToolResult.ok(e.output()), e.elapsed());
            case TurnEvent.ApprovalRequested e -> new AgentEvent.ApprovalRequested("", e.tool(), e.arguments(), "",
                    e.approvalId(), e.deadline());
            case TurnEvent.MemoryRecalled e -> new AgentEvent.Recalled(e.source(), e.text());
            case TurnEvent.UsageReported e -> {
                Usage now = usage(e.usage());
                Usage step = new Usage(now.inputTokens() - turn.inputTokens(),
                        now.outputTokens() - turn.outputTokens(), now.cachedTokens() - turn.cachedTokens(), 0);
                turn = now;
                steps++;
                yield new AgentEvent.UsageReported(step, now);
            }
            case TurnEvent.Done e -> new AgentEvent.Done(e.answer(), usage(e.usage()), Math.max(1, steps));
            case TurnEvent.Failed e -> new AgentEvent.Failed(failure(e.reason()), e.message(), e.partialAnswer());
            case TurnEvent.Aborted e -> new AgentEvent.Failed(TurnFailure.ABORTED, "the turn was aborted",
                    e.partialAnswer());
        });
    }

    /** The core's failure for the API's coarser reason: the first of those the server may have had. */
    static TurnFailure failure(FailureReason reason) {
        return switch (reason) {
            case MODEL_REFUSED -> TurnFailure.BAD_REQUEST;
            case MODEL_UNAVAILABLE -> TurnFailure.SERVER;
            case RATE_LIMITED -> TurnFailure.RATE_LIMIT;
            case CONTEXT_TOO_LONG -> TurnFailure.CONTEXT_OVERFLOW;
            case TIMEOUT -> TurnFailure.TIMEOUT;
            case STEP_LIMIT -> TurnFailure.STEP_BUDGET;
            case INTERNAL -> TurnFailure.INTERNAL;
        };
    }

    private static Usage usage(TurnEvent.TokenUsage u) {
        return new Usage(u.prompt(), u.completion(), u.cached(), 0);
    }
}
