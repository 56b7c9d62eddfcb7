package dev.jclaw.core.loop;

import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ToolCall;
import java.util.List;

/**
 * Where a turn writes what happens, entry by entry, before the next step starts: the session store, through its
 * adapter. A crash therefore loses at most the step in flight.
 */
public interface Transcript {

    /** Writes nothing: for one-off turns that keep no session. */
    Transcript NONE = new Transcript() {
        @Override
        public void user(String text, List<ImageInput> images) {
        }

        @Override
        public void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial) {
        }

        @Override
        public void toolResult(String callId, String tool, String content, boolean error) {
        }
    };

    /**
     * The user's message (or a nudge the loop sent in the user's role), with the images it carried.
     *
     * @param text the text
     * @param images the images, may be empty
     */
    void user(String text, List<ImageInput> images);

    /**
     * A user's message without images (or a nudge the loop sent in the user's role).
     *
     * @param text the text
     */
    default void user(String text) {
        user(text, List.of());
    }

    /**
     * The model's answer for one step.
     *
     * @param text the text
     * @param reasoning reasoning text, may be empty
     * @param toolCalls the calls it made, may be empty
     * @param partial whether the step was cut off (abort, timeout, error) and the text is incomplete
     */
    void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial);

    /**
     * The result of one tool call.
     *
     * @param callId the call's id
     * @param tool the tool's name
     * @param content what the model reads
     * @param error whether the call failed or was refused
     */
    void toolResult(String callId, String tool, String content, boolean error);
}
