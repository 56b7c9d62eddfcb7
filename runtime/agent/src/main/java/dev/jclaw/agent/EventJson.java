package dev.jclaw.agent;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.Usage;

/** Agent events as JSON objects with a {@code type} member: the shape of {@code jclaw run --json} and the web API. */
public final class EventJson {
    private EventJson() {
    }

    /**
     * Converts an event.
     *
     * @param event the event
     * @return its JSON form
     */
    public static JsonObject of(AgentEvent event) {
        return switch (event) {
            case AgentEvent.Queued e -> type("queued").put("position", e.position()).build();
            case AgentEvent.Compaction e -> type("compaction").put("trigger", e.trigger())
                    .put("outcome", e.outcome()).put("message", e.message()).build();
            case AgentEvent.Recalled e -> type("recalled").put("source", e.source()).put("text", e.text()).build();
            case AgentEvent.Retrying e -> type("retrying").put("attempt", e.attempt())
                    .put("max_attempts", e.maxAttempts()).put("delay_ms", e.delay().toMillis())
                    .put("reason", e.reason()).build();
            case AgentEvent.TextDelta e -> type("text").put("text", e.text()).build();
            case AgentEvent.ReasoningDelta e -> type("reasoning").put("text", e.text()).build();
            case AgentEvent.ToolStarted e -> type("tool_started").put("call_id", e.callId()).put("tool", e.tool())
                    .put("arguments", e.arguments()).build();
            case AgentEvent.ToolFinished e -> {
                JsonObject.Builder b = type("tool_finished").put("call_id", e.callId()).put("tool", e.tool())
                        .put("elapsed_ms", e.elapsed().toMillis());
                yield switch (e.result()) {
                    case ToolResult.Ok ok -> b.put("status", "ok").put("content", ok.content()).build();
                    case ToolResult.Failed f -> b.put("status", "failed").put("content", f.message()).build();
                    case ToolResult.Denied d -> b.put("status", "denied").put("content", d.reason()).build();
                };
            }
            case AgentEvent.ApprovalRequested e -> type("approval_requested").put("call_id", e.callId())
                    .put("tool", e.tool()).put("arguments", e.arguments()).put("reason", e.reason()).build();
            case AgentEvent.UsageReported e -> type("usage").put("step", usage(e.step()))
                    .put("turn", usage(e.turn())).build();
            case AgentEvent.Done e -> type("done").put("answer", e.answer()).put("usage", usage(e.usage()))
                    .put("steps", e.steps()).build();
            case AgentEvent.Failed e -> type("failed").put("reason", e.reason().code()).put("message", e.message())
                    .put("partial_answer", e.partialAnswer()).build();
        };
    }

    private static JsonObject.Builder type(String type) {
        return JsonObject.builder().put("type", type);
    }

    private static JsonObject usage(Usage u) {
        return JsonObject.builder().put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                .put("cached_tokens", u.cachedTokens()).put("reasoning_tokens", u.reasoningTokens()).build();
    }
}
