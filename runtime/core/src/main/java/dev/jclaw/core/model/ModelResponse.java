package dev.jclaw.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A whole streamed response, assembled.
 *
 * @param text the answer text
 * @param reasoning reasoning text the provider sent apart from the answer (e.g. {@code reasoning_content}), or empty
 * @param toolCalls the tool calls, in index order, arguments reassembled from their chunks
 * @param usage the usage the provider reported (the last usage chunk wins)
 * @param finishReason the provider's finish reason, e.g. {@code stop}, {@code tool_calls}, {@code length}; empty
 *                     when the stream ended without one
 */
public record ModelResponse(String text, String reasoning, List<ToolCall> toolCalls, Usage usage,
                            String finishReason) {
    /** Checks and copies the fields. */
    public ModelResponse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reasoning, "reasoning");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
