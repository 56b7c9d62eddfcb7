package dev.jclaw.api.hook;

import java.util.List;
import java.util.Objects;

/**
 * What the model answered in one step of a turn, as a hook sees it after the response arrived.
 *
 * @param text the answer text of this step, may be empty (a step that only calls tools)
 * @param toolCalls the names of the tools it called in this step, in its order, may be empty
 * @param step the step number within the turn, from 1
 * @since 0.1 (plugin API 1.1)
 */
public record ModelReply(String text, List<String> toolCalls, int step) {
    /** Checks and copies the fields. */
    public ModelReply {
        Objects.requireNonNull(text, "text");
        toolCalls = List.copyOf(toolCalls);
        if (step < 1) {
            throw new IllegalArgumentException("step must be at least 1, got " + step);
        }
    }
}
