package dev.jclaw.model.openai;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects one stream's chunks into a response: text and reasoning apart, tool calls merged by index from pieces
 * (id and name usually come in a call's first chunk only), the last usage chunk. Tolerant of what
 * OpenAI-compatible servers vary in: a missing tool-call index, empty ids in later pieces, usage without details.
 */
final class ChunkAssembly {
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final Map<Long, PendingCall> calls = new TreeMap<>();
    private long lastIndex = -1;
    private Usage usage = Usage.NONE;
    private String finishReason = "";

    private static final class PendingCall {
        String id = "";
        String name = "";
        final StringBuilder arguments = new StringBuilder();
    }

    /**
     * Adds one chunk.
     *
     * @throws JsonException when a member has the wrong type
     */
    void add(JsonObject chunk, ModelListener listener) {
        chunk.optObject("usage").ifPresent(u -> usage = usage(u));
        for (JsonValue element : chunk.optArray("choices").map(JsonArray::elements).orElse(List.of())) {
            if (!(element instanceof JsonObject choice)) {
                throw new JsonException("a choice must be an object");
            }
            JsonObject delta = choice.optObject("delta").orElse(JsonObject.EMPTY);
            String thought = delta.optString("reasoning_content").or(() -> delta.optString("reasoning")).orElse("");
            if (!thought.isEmpty()) {
                reasoning.append(thought);
                listener.reasoning(thought);
            }
            String content = delta.optString("content").orElse("");
            if (!content.isEmpty()) {
                text.append(content);
                listener.text(content);
            }
            for (JsonValue piece : delta.optArray("tool_calls").map(JsonArray::elements).orElse(List.of())) {
                if (!(piece instanceof JsonObject call)) {
                    throw new JsonException("a tool call must be an object");
                }
                addCall(call);
            }
            choice.optString("finish_reason").ifPresent(r -> finishReason = r);
        }
    }

    private void addCall(JsonObject piece) {
        String id = piece.optString("id").orElse("");
        long index = piece.optLong("index").orElseGet(() ->
                // no index: a new id starts a new call, anything else continues the last one
                lastIndex < 0 || !id.isEmpty() && !id.equals(calls.get(lastIndex).id) ? calls.size() : lastIndex);
        lastIndex = index;
        PendingCall call = calls.computeIfAbsent(index, i -> new PendingCall());
        if (!id.isEmpty()) {
            call.id = id;
        }
        piece.optObject("function").ifPresent(f -> {
            f.optString("name").filter(n -> !n.isEmpty()).ifPresent(n -> call.name = n);
            f.optString("arguments").ifPresent(call.arguments::append);
        });
    }

    /** @return whether the provider said the answer was complete */
    boolean finished() {
        return !finishReason.isEmpty();
    }

    /** @return whether any text, reasoning or tool call arrived */
    boolean started() {
        return !text.isEmpty() || !reasoning.isEmpty() || !calls.isEmpty();
    }

    ModelResponse response() {
        List<ToolCall> toolCalls = new ArrayList<>(calls.size());
        calls.forEach((index, call) -> toolCalls.add(new ToolCall(call.id.isEmpty() ? "call_" + index : call.id,
                call.name, call.arguments.toString())));
        return new ModelResponse(text.toString(), reasoning.toString(), toolCalls, usage, finishReason);
    }

    private static Usage usage(JsonObject u) {
        long cached = u.optObject("prompt_tokens_details").map(d -> count(d, "cached_tokens")).orElse(0L);
        long thinking = u.optObject("completion_tokens_details").map(d -> count(d, "reasoning_tokens")).orElse(0L);
        return new Usage(count(u, "prompt_tokens"), count(u, "completion_tokens"), cached, thinking);
    }

    /** Some servers write counts as {@code 12.0}; a count that is not a number at all is an error. */
    private static long count(JsonObject object, String name) {
        return switch (object.get(name).orElse(JsonNull.INSTANCE)) {
            case JsonNumber n -> Math.max(0, n.value().longValue());
            case JsonNull absent -> 0;
            default -> throw new JsonException("'" + name + "' must be a number");
        };
    }
}
