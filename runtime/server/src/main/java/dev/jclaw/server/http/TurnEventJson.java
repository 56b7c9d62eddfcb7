package dev.jclaw.server.http;

import dev.jclaw.api.gateway.FailureReason;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One turn event as the JSON object of {@code POST /api/conversations/{name}/messages}'s event stream, and back: the
 * server writes it, the CLI reads it. The names follow {@code jclaw run --json}'s ({@code text}, {@code tool_started},
 * {@code done}, ...), so a script sees the same shape whether the turn ran in the CLI or in a server.
 */
public final class TurnEventJson {
    private TurnEventJson() {
    }

    /**
     * Writes an event.
     *
     * @param event the event
     * @return its JSON object
     */
    public static JsonObject write(TurnEvent event) {
        return switch (event) {
            case TurnEvent.Queued e -> type("queued").put("position", e.position()).build();
            case TurnEvent.TextDelta e -> type("text").put("text", e.text()).build();
            case TurnEvent.ReasoningDelta e -> type("reasoning").put("text", e.text()).build();
            case TurnEvent.ToolStarted e -> type("tool_started").put("call_id", e.callId()).put("tool", e.tool())
                    .put("arguments", e.arguments()).build();
            case TurnEvent.ToolFinished e -> type("tool_finished").put("call_id", e.callId()).put("tool", e.tool())
                    .put("elapsed_ms", e.elapsed().toMillis()).put("status", e.error() ? "failed" : "ok")
                    .put("content", e.output()).build();
            case TurnEvent.ApprovalRequested e -> type("approval_requested").put("approval_id", e.approvalId())
                    .put("tool", e.tool()).put("arguments", e.arguments()).put("deadline", e.deadline().toString())
                    .build();
            case TurnEvent.MemoryRecalled e -> type("recalled").put("source", e.source()).put("text", e.text())
                    .build();
            case TurnEvent.UsageReported e -> type("usage").put("turn", usage(e.usage())).build();
            case TurnEvent.Done e -> type("done").put("answer", e.answer()).put("usage", usage(e.usage())).build();
            case TurnEvent.Failed e -> type("failed").put("reason", e.reason().name().toLowerCase(Locale.ROOT))
                    .put("message", e.message()).put("partial_answer", e.partialAnswer()).build();
            case TurnEvent.Aborted e -> type("aborted").put("partial_answer", e.partialAnswer()).build();
        };
    }

    /**
     * Reads an event.
     *
     * @param json the object
     * @return the event
     * @throws JsonException when it is not one
     */
    public static TurnEvent read(JsonObject json) {
        try {
            return switch (json.string("type")) {
                case "queued" -> new TurnEvent.Queued((int) number(json, "position"));
                case "text" -> new TurnEvent.TextDelta(json.string("text"));
                case "reasoning" -> new TurnEvent.ReasoningDelta(json.string("text"));
                case "tool_started" -> new TurnEvent.ToolStarted(json.string("call_id"), json.string("tool"),
                        json.string("arguments"));
                case "tool_finished" -> new TurnEvent.ToolFinished(json.string("call_id"), json.string("tool"),
                        !json.string("status").equals("ok"), json.string("content"),
                        Duration.ofMillis(number(json, "elapsed_ms")));
                case "approval_requested" -> new TurnEvent.ApprovalRequested(json.string("approval_id"),
                        json.string("tool"), json.string("arguments"), Instant.parse(json.string("deadline")));
                case "recalled" -> new TurnEvent.MemoryRecalled(json.string("source"), json.string("text"));
                case "usage" -> new TurnEvent.UsageReported(usage(json.optObject("turn").orElse(JsonObject.EMPTY)));
                case "done" -> new TurnEvent.Done(json.string("answer"),
                        usage(json.optObject("usage").orElse(JsonObject.EMPTY)));
                case "failed" -> new TurnEvent.Failed(reason(json.string("reason")), json.string("message"),
                        json.optString("partial_answer").orElse(""));
                case "aborted" -> new TurnEvent.Aborted(json.optString("partial_answer").orElse(""));
                default -> throw new JsonException("unknown event type " + json.string("type"));
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new JsonException("not a turn event: " + e.getMessage());
        }
    }

    private static FailureReason reason(String name) {
        try {
            return FailureReason.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return FailureReason.INTERNAL; // a newer server's reason: still a failure
        }
    }

    private static long number(JsonObject json, String name) {
        return json.optLong(name).orElseThrow(() -> new JsonException("'" + name + "' must be a number"));
    }

    private static JsonObject.Builder type(String type) {
        return JsonObject.builder().put("type", type);
    }

    private static JsonObject usage(TurnEvent.TokenUsage u) {
        return JsonObject.builder().put("input_tokens", u.prompt()).put("output_tokens", u.completion())
                .put("cached_tokens", u.cached()).build();
    }

    private static TurnEvent.TokenUsage usage(JsonObject json) {
        return new TurnEvent.TokenUsage(json.optLong("input_tokens").orElse(0L),
                json.optLong("output_tokens").orElse(0L), json.optLong("cached_tokens").orElse(0L));
    }
}
