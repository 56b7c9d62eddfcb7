package dev.jclaw.agent;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Agent events as JSON objects with a {@code type} member, and back: the shape of {@code jclaw run --json}, and of the
 * event stream a server sends its terminal clients ({@code POST /api/conversations/{name}/messages}), so that a
 * script sees the same lines wherever the turn ran.
 */
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
                    .put("tool", e.tool()).put("arguments", e.arguments()).put("reason", e.reason())
                    .put("approval_id", e.approvalId()).put("deadline", e.deadline().toString()).build();
            case AgentEvent.UsageReported e -> type("usage").put("step", usage(e.step()))
                    .put("turn", usage(e.turn())).build();
            case AgentEvent.Done e -> type("done").put("answer", e.answer()).put("usage", usage(e.usage()))
                    .put("steps", e.steps()).build();
            case AgentEvent.Failed e -> type("failed").put("reason", e.reason().code()).put("message", e.message())
                    .put("partial_answer", e.partialAnswer()).build();
        };
    }

    /**
     * Reads an event back, as a terminal client of a server does ({@code jclaw run} and {@code jclaw chat} beside or
     * far from one): the inverse of {@link #of}.
     *
     * @param json the object
     * @return the event
     * @throws JsonException when it is not one
     */
    public static AgentEvent read(JsonObject json) {
        try {
            return switch (json.string("type")) {
                case "queued" -> new AgentEvent.Queued((int) number(json, "position"));
                case "compaction" -> new AgentEvent.Compaction(json.string("trigger"), json.string("outcome"),
                        json.string("message"));
                case "recalled" -> new AgentEvent.Recalled(json.string("source"), json.string("text"));
                case "retrying" -> new AgentEvent.Retrying((int) number(json, "attempt"),
                        (int) number(json, "max_attempts"), Duration.ofMillis(number(json, "delay_ms")),
                        json.string("reason"));
                case "text" -> new AgentEvent.TextDelta(json.string("text"));
                case "reasoning" -> new AgentEvent.ReasoningDelta(json.string("text"));
                case "tool_started" -> new AgentEvent.ToolStarted(json.string("call_id"), json.string("tool"),
                        json.string("arguments"));
                case "tool_finished" -> new AgentEvent.ToolFinished(json.string("call_id"), json.string("tool"),
                        switch (json.string("status")) {
                            case "ok" -> ToolResult.ok(json.string("content"));
                            case "denied" -> new ToolResult.Denied(json.string("content"));
                            default -> ToolResult.failed(json.string("content"));
                        }, Duration.ofMillis(number(json, "elapsed_ms")));
                case "approval_requested" -> new AgentEvent.ApprovalRequested(json.string("call_id"),
                        json.string("tool"), json.string("arguments"), json.string("reason"),
                        json.string("approval_id"), Instant.parse(json.string("deadline")));
                case "usage" -> new AgentEvent.UsageReported(usage(json, "step"), usage(json, "turn"));
                case "done" -> new AgentEvent.Done(json.string("answer"), usage(json, "usage"),
                        (int) number(json, "steps"));
                case "failed" -> new AgentEvent.Failed(TurnFailure.ofCode(json.string("reason")), json.string("message"),
                        json.optString("partial_answer").orElse(""));
                default -> throw new JsonException("unknown event type " + json.string("type"));
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new JsonException("not an agent event: " + e.getMessage());
        }
    }

    private static long number(JsonObject json, String name) {
        return json.optLong(name).orElseThrow(() -> new JsonException("'" + name + "' must be a number"));
    }

    private static Usage usage(JsonObject json, String name) {
        JsonObject u = json.optObject(name).orElse(JsonObject.EMPTY);
        return new Usage(u.optLong("input_tokens").orElse(0L), u.optLong("output_tokens").orElse(0L),
                u.optLong("cached_tokens").orElse(0L), u.optLong("reasoning_tokens").orElse(0L));
    }

    private static JsonObject.Builder type(String type) {
        return JsonObject.builder().put("type", type);
    }

    private static JsonObject usage(Usage u) {
        return JsonObject.builder().put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                .put("cached_tokens", u.cachedTokens()).put("reasoning_tokens", u.reasoningTokens()).build();
    }
}
