package dev.jclaw.core.dispatch;

import dev.jclaw.api.tool.ToolResult;

/**
 * Caps what one tool call puts in front of the model: keeps the head and the tail, where errors and summaries
 * usually are, and marks what was cut.
 *
 * @param maxChars the most characters kept
 */
public record OutputLimit(int maxChars) {
    /** Checks the limit. */
    public OutputLimit {
        if (maxChars < 200) {
            throw new IllegalArgumentException("tool output limit must be at least 200 characters");
        }
    }

    /**
     * Applies the cap to a text.
     *
     * @param text the text
     * @return the text, or its head and tail around a marker
     */
    public String apply(String text) {
        if (text.length() <= maxChars) {
            return text;
        }
        int head = maxChars * 3 / 5;
        int tail = maxChars - head;
        int cut = text.length() - head - tail;
        return text.substring(0, head) + "\n… [" + cut + " characters cut] …\n" + text.substring(text.length() - tail);
    }

    /**
     * Applies the cap to a result.
     *
     * @param result the result
     * @return the result with its text capped
     */
    public ToolResult apply(ToolResult result) {
        return switch (result) {
            case ToolResult.Ok ok -> new ToolResult.Ok(apply(ok.content()));
            case ToolResult.Failed failed -> new ToolResult.Failed(apply(failed.message()));
            case ToolResult.Denied denied -> denied;
        };
    }
}
