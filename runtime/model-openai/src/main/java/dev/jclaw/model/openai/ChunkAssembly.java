package dev.jclaw.model.openai;

import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.completions.CompletionUsage;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    void add(ChatCompletionChunk chunk, ModelListener listener) {
        chunk.usage().ifPresent(u -> usage = usage(u));
        for (ChatCompletionChunk.Choice choice : chunk.choices()) {
            ChatCompletionChunk.Choice.Delta delta = choice.delta();
            String thought = reasoningOf(delta);
            if (!thought.isEmpty()) {
                reasoning.append(thought);
                listener.reasoning(thought);
            }
            delta.content().filter(c -> !c.isEmpty()).ifPresent(c -> {
                text.append(c);
                listener.text(c);
            });
            delta.toolCalls().ifPresent(list -> list.forEach(this::addCall));
            choice.finishReason().ifPresent(r -> finishReason = r.toString());
        }
    }

    private void addCall(ChatCompletionChunk.Choice.Delta.ToolCall piece) {
        String id = piece.id().orElse("");
        long index = piece._index().asKnown().orElseGet(() ->
                // no index: a new id starts a new call, anything else continues the last one
                lastIndex < 0 || !id.isEmpty() && !id.equals(calls.get(lastIndex).id) ? calls.size() : lastIndex);
        lastIndex = index;
        PendingCall call = calls.computeIfAbsent(index, i -> new PendingCall());
        if (!id.isEmpty()) {
            call.id = id;
        }
        piece.function().ifPresent(f -> {
            f.name().filter(n -> !n.isEmpty()).ifPresent(n -> call.name = n);
            f.arguments().ifPresent(call.arguments::append);
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

    /**
     * {@code reasoning_content} (DeepSeek, vLLM, ...) or {@code reasoning} (OpenRouter): not in the SDK's model. The
     * deprecated accessor wraps the map the SDK already holds; its replacement, {@code _allProperties()}, builds a
     * new map of every field for every chunk.
     */
    @SuppressWarnings("deprecation")
    private static String reasoningOf(ChatCompletionChunk.Choice.Delta delta) {
        Map<String, JsonValue> extra = delta._additionalProperties();
        if (extra.isEmpty()) {
            return "";
        }
        JsonValue value = extra.get("reasoning_content");
        if (value == null) {
            value = extra.get("reasoning");
        }
        return value == null ? "" : text(value);
    }

    /** The SDK's {@code JsonValue} extends a raw type, so its accessors lose their generics. */
    static String text(JsonValue value) {
        Optional<?> text = value.asString();
        return text.isPresent() && text.get() instanceof String s ? s : "";
    }

    private static Usage usage(CompletionUsage u) {
        long cached = u.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L);
        long thinking = u.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L);
        return new Usage(u._promptTokens().asKnown().orElse(0L), u._completionTokens().asKnown().orElse(0L), cached,
                thinking);
    }
}
