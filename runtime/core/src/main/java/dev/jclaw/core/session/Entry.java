package dev.jclaw.core.session;

import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One node of a conversation's tree. Entries point at their parent; the session's leaf names the branch the
 * conversation continues on, so branches and compaction summaries fit the same shape. Entries never change once
 * written.
 *
 * @param id the entry's id, unique in the store
 * @param parent the parent's id, empty for a first entry
 * @param at when it was written
 * @param body what it says
 */
public record Entry(EntryId id, Optional<EntryId> parent, Instant at, Body body) {
    /** Checks the fields. */
    public Entry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(body, "body");
    }

    /** What an entry says. Texts are kept exactly as given: any length, any character, NUL included. */
    public sealed interface Body permits User, Assistant, ToolOutput, CompactionSummary, Note,
            TurnUsage {
    }

    /**
     * A user's message (or a nudge the loop sent in the user's role), with the images it carried.
     *
     * @param text the text
     * @param images the images, in the order sent; at most {@value ImageInput#MAX_PER_MESSAGE}
     */
    public record User(String text, List<ImageInput> images) implements Body {
        /**
         * Checks and copies the fields.
         *
         * @throws IllegalArgumentException when there are more than {@value ImageInput#MAX_PER_MESSAGE} images
         */
        public User {
            Objects.requireNonNull(text, "text");
            images = ImageInput.copyOf(images);
        }

        /**
         * A message without images.
         *
         * @param text the text
         */
        public User(String text) {
            this(text, List.of());
        }
    }

    /**
     * The model's answer for one step.
     *
     * @param text the text, may be empty
     * @param reasoning reasoning text, may be empty
     * @param toolCalls the calls it made, may be empty
     * @param partial whether it was cut off (abort, timeout, error)
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
     * @param error whether it failed, was refused or was interrupted
     */
    public record ToolOutput(String callId, String tool, String content, boolean error) implements Body {
        /** Checks the fields. */
        public ToolOutput {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * A summary that stands in for the start of the branch: the model sees the summary, then the entries from
     * {@code firstKept} on. Nothing is deleted; the entries before {@code firstKept} stay in the store.
     *
     * @param summary the summary text
     * @param firstKept the first entry still shown verbatim; it must be on the branch the summary is appended to
     */
    public record CompactionSummary(String summary, EntryId firstKept) implements Body {
        /** Checks the fields. */
        public CompactionSummary {
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(firstKept, "firstKept");
        }
    }

    /**
     * A remark kept in the history for people and never sent to the model: a model switch, an abort, a command.
     *
     * @param text the text
     */
    public record Note(String text) implements Body {
        /** Checks the text. */
        public Note {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * What one turn cost, written once at the end of every turn that reached the model (done, failed or aborted)
     * and never sent to the model. Summed along a branch it gives the conversation's usage ({@link SessionUsage}),
     * which therefore survives restarts and compaction.
     *
     * @param usage the tokens the provider reported for the turn's requests; a request cut off before the provider
     *              reported its usage is not in it
     * @param steps how many model requests completed
     * @param model the model the turn used
     */
    public record TurnUsage(Usage usage, int steps, String model) implements Body {
        /** Checks the fields. */
        public TurnUsage {
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(model, "model");
            if (steps < 0) {
                throw new IllegalArgumentException("steps must not be negative, got " + steps);
            }
        }
    }
}
