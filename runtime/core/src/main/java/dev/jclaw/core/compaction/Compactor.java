package dev.jclaw.core.compaction;

import dev.jclaw.core.compaction.CompactionOutcome.Compacted;
import dev.jclaw.core.compaction.CompactionOutcome.Failed;
import dev.jclaw.core.compaction.CompactionOutcome.Skipped;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.TokenCounter;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionStoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compacts a conversation: the model summarises the older part of the branch, and the summary is appended as an
 * {@link Entry.CompactionSummary} that stands in for it, with the recent tail ({@link CompactionSettings}) kept
 * verbatim. {@link CutPoint} chooses the cut, {@link Summariser} talks to the model (in chunks for long histories,
 * rolling an earlier summary in), and {@link Identifiers} lists the identifiers the model's summary left out, so
 * that nothing named early is lost.
 *
 * <p>Appending the summary is the only write: on any failure nothing is written and the history stays as it was.
 *
 * <p>Thread-safety: one compactor serves all sessions. It never compacts one session twice at once: a second call
 * for a session being compacted returns {@code Skipped("already_running")} at once. The caller should also hold the
 * session's turn lock, so no turn moves the branch meanwhile.
 */
public final class Compactor {
    /** The most identifiers listed after a summary. */
    static final int MAX_IDENTIFIERS = 200;
    /** The longest the identifier line may be. */
    static final int MAX_IDENTIFIER_CHARS = 4_000;
    private static final System.Logger LOG = System.getLogger(Compactor.class.getName());

    private final TokenCounter counter;
    private final CompactionSettings settings;
    private final Summariser summariser;
    private final Set<SessionId> running = ConcurrentHashMap.newKeySet();

    /**
     * Creates a compactor.
     *
     * @param model the model that writes summaries
     * @param counter counts tokens as the model does
     * @param settings the tail to keep and the request sizes
     */
    public Compactor(ModelPort model, TokenCounter counter, CompactionSettings settings) {
        this.counter = Objects.requireNonNull(counter, "counter");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.summariser = new Summariser(Objects.requireNonNull(model, "model"), counter, settings);
    }

    /**
     * Compacts a conversation's branch. Blocks while the model writes; interrupting the thread aborts it.
     *
     * @param store the store holding the conversation
     * @param id the conversation
     * @param model the model that writes the summary
     * @param trigger why, for the log
     * @param focus what the summary should dwell on ({@code /compact [focus]}), empty for nothing in particular;
     *              cleaned to one line of at most 1,000 characters
     * @return what happened; a {@link Failed} outcome wrote nothing
     * @throws IllegalArgumentException when the store has no such conversation
     */
    public CompactionOutcome compact(SessionStore store, SessionId id, String model, Trigger trigger, String focus) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(focus, "focus");
        if (!running.add(id)) {
            return new Skipped(CompactionOutcome.ALREADY_RUNNING);
        }
        try {
            CompactionOutcome outcome = run(store, id, model, trigger, SummaryPrompt.focus(focus));
            log(id, trigger, outcome);
            return outcome;
        } finally {
            running.remove(id);
        }
    }

    /**
     * The tail to keep. The budget trigger keeps the configured tail; after an overflow or when asked, a history
     * shorter than that tail would never shrink, so at most a quarter of it is kept then.
     */
    private int tail(List<Entry> path, Trigger trigger) {
        if (trigger == Trigger.BUDGET) {
            return settings.keepTailTokens();
        }
        long total = HistoryTokens.count(counter, path);
        return (int) Math.max(1, Math.min(settings.keepTailTokens(), total / 4));
    }

    private CompactionOutcome run(SessionStore store, SessionId id, String model, Trigger trigger, String focus) {
        List<Entry> path;
        try {
            path = store.path(id);
        } catch (SessionStoreException e) {
            return new Failed(CompactionOutcome.STORE_ERROR, "the conversation could not be read: " + e.getMessage());
        }
        Optional<CutPoint.Cut> found = CutPoint.find(path, counter, tail(path, trigger));
        if (found.isEmpty()) {
            return new Skipped(CompactionOutcome.NOTHING_TO_COMPACT);
        }
        CutPoint.Cut cut = found.get();
        List<String> texts = cut.summarised().stream().map(e -> SummaryPrompt.render(e.body())).toList();
        Summariser.Summary summary;
        try {
            summary = summariser.summarise(model, cut.previousSummary(), texts, focus);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return aborted();
        } catch (ModelException e) {
            return new Failed(CompactionOutcome.MODEL_ERROR, "the model could not write the summary ("
                    + e.kind().name().toLowerCase(Locale.ROOT) + "): " + e.getMessage());
        }
        if (summary.text().isEmpty()) {
            return new Failed(CompactionOutcome.EMPTY_SUMMARY,
                    "the model gave an empty summary; the history was left as it was");
        }
        if (Thread.currentThread().isInterrupted()) {
            return aborted();
        }
        String missing = Identifiers.missingLine(identifierSources(cut), summary.text(), MAX_IDENTIFIERS,
                MAX_IDENTIFIER_CHARS);
        String text = missing.isEmpty() ? summary.text() : summary.text() + "\n\n" + missing;
        List<Entry> planned = new ArrayList<>(path);
        planned.add(new Entry(EntryId.random(), Optional.of(path.getLast().id()), Instant.now(),
                new Entry.CompactionSummary(text, cut.firstKept().id())));
        if (HistoryTokens.count(counter, planned) >= HistoryTokens.count(counter, path)) {
            return new Skipped(CompactionOutcome.NO_GAIN); // a summary longer than its source only costs tokens
        }
        Entry written;
        try {
            written = store.append(id, new Entry.CompactionSummary(text, cut.firstKept().id()));
        } catch (SessionStoreException | IllegalArgumentException e) {
            // IllegalArgumentException: the branch moved meanwhile and no longer holds the first kept entry
            return new Failed(CompactionOutcome.STORE_ERROR, "the summary could not be written: " + e.getMessage());
        }
        List<Entry> after = new ArrayList<>(path);
        after.add(written);
        return new Compacted(written, HistoryTokens.count(counter, path), HistoryTokens.count(counter, after),
                summary.modelCalls(), cut.summarised().size());
    }

    /**
     * The texts identifiers are taken from, the most telling first: the earlier summary, then what the user and the
     * assistant wrote (calls included), then tool output, which can be long and is full of incidental names.
     */
    private static List<String> identifierSources(CutPoint.Cut cut) {
        List<String> sources = new ArrayList<>();
        cut.previousSummary().ifPresent(sources::add);
        List<String> outputs = new ArrayList<>();
        for (Entry e : cut.summarised()) {
            if (e.body() instanceof Entry.ToolOutput t) {
                outputs.add(t.content());
            } else {
                sources.add(SummaryPrompt.render(e.body()));
            }
        }
        sources.addAll(outputs);
        return sources;
    }

    private static Failed aborted() {
        return new Failed(CompactionOutcome.ABORTED, "the compaction was interrupted; the history was left as it was");
    }

    private static void log(SessionId id, Trigger trigger, CompactionOutcome outcome) {
        switch (outcome) {
            case Compacted c -> LOG.log(System.Logger.Level.INFO, "compacted session {0} ({1}): {2} entries,"
                    + " {3} -> {4} tokens, {5} model calls", id, trigger, c.entriesSummarised(), c.tokensBefore(),
                    c.tokensAfter(), c.modelCalls());
            case Skipped s -> LOG.log(System.Logger.Level.DEBUG, "compaction of session {0} ({1}) skipped: {2}", id,
                    trigger, s.reason());
            case Failed f -> LOG.log(System.Logger.Level.WARNING, "compaction of session {0} ({1}) failed: {2}: {3}",
                    id, trigger, f.reason(), f.message());
        }
    }
}
