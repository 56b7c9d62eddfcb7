package dev.jclaw.core.compaction;

import dev.jclaw.core.session.Entry;
import java.util.Objects;

/** What a compaction did: {@link Compacted}, {@link Skipped} or {@link Failed}. */
public sealed interface CompactionOutcome {
    /** Reason code: the branch holds nothing that could be summarised without cutting into the kept tail. */
    String NOTHING_TO_COMPACT = "nothing_to_compact";
    /** Reason code: a compaction of the same session is running; this call did nothing. */
    String ALREADY_RUNNING = "already_running";
    /** Skipped: the summary came out no shorter than the entries it would stand in for, so nothing was written. */
    String NO_GAIN = "no_gain";
    /** Reason code: the model failed (or refused) a summarisation request. */
    String MODEL_ERROR = "model_error";
    /** Reason code: the calling thread was interrupted. */
    String ABORTED = "aborted";
    /** Reason code: the model answered a summarisation request with no text. */
    String EMPTY_SUMMARY = "empty_summary";
    /** Reason code: the session store could not be read or written, or the branch moved meanwhile. */
    String STORE_ERROR = "store_error";

    /**
     * The summary was written.
     *
     * @param summaryEntry the {@link Entry.CompactionSummary} entry as stored
     * @param tokensBefore the history's tokens before, as the model reads them
     * @param tokensAfter the history's tokens after
     * @param modelCalls how many summarisation requests were made
     * @param entriesSummarised how many entries the summary stands in for (notes and earlier summaries excluded)
     */
    record Compacted(Entry summaryEntry, int tokensBefore, int tokensAfter, int modelCalls, int entriesSummarised)
            implements CompactionOutcome {
        /** Checks the fields. */
        public Compacted {
            Objects.requireNonNull(summaryEntry, "summaryEntry");
        }
    }

    /**
     * Nothing was done, and nothing needed undoing.
     *
     * @param reason {@link #NOTHING_TO_COMPACT}, {@link #ALREADY_RUNNING} or {@link #NO_GAIN}
     */
    record Skipped(String reason) implements CompactionOutcome {
        /** Checks the reason. */
        public Skipped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The compaction failed and wrote nothing: the history is as it was before.
     *
     * @param reason {@link #MODEL_ERROR}, {@link #ABORTED}, {@link #EMPTY_SUMMARY} or {@link #STORE_ERROR}
     * @param message one sentence for the user: what failed
     */
    record Failed(String reason, String message) implements CompactionOutcome {
        /** Checks the fields. */
        public Failed {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
