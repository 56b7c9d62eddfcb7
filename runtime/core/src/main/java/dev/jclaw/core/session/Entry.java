package dev.jclaw.core.session;

import dev.jclaw.core.model.ToolCall;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One node of a conversation's tree. Entries point at their parent; the session's leaf names the branch the
 * conversation continues on, so branches and compaction summaries fit the same shape.
 *
 * @param id the entry's id, unique in the store
 * @param parentId the parent's id, empty for the first entry
 * @param at when it was written
 * @param body what it says
 */
public record Entry(String id, String parentId, Instant at, Body body) {
    /** Checks the fields. */
    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(body, "body");
    }

    /** What an entry says. */
    public sealed interface Body {
    }

    /**
     * A user's message (or a nudge the loop sent in the user's role).
     *
     * @param text the text
     */
    public record User(String text) implements Body {
        /** Checks the text. */
        public User {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The model's answer for one step.
     *
     * @param text the text
     * @param reasoning reasoning text, may be empty
     * @param toolCalls the calls it made
     * @param partial whether it was cut off
     */
    public record Assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial)
            implements Body {
        /** Checks and copies the fields. */
        public Assistant {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(reasoning, "reasoning");
            toolCalls = List.copyOf(toolCalls);
        }
    }

    /**
     * The result of one tool call.
     *
     * @param callId the call's id
     * @param tool the tool's name
     * @param content what the model read
     * @param error whether it failed or was refused
     */
    public record ToolOutput(String callId, String tool, String content, boolean error) implements Body {
        /** Checks the fields. */
        public ToolOutput {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(content, "content");
        }
    }
}
