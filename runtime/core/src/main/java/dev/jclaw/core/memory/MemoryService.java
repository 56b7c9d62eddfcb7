package dev.jclaw.core.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * What the agent remembers, over a {@link MemoryStore} (the source of truth) and a {@link MemoryIndex} kept in step
 * with it. Writes go to the store first, then to the index, one at a time; reads never leave their namespace.
 *
 * <p>"No execution, no memory": the service does not know turns; the {@code memorize} tool refuses unless its
 * conversation has run a tool call that succeeded.
 *
 * <p>Thread-safety: safe for concurrent use; writes and index rebuilds are serialised.
 */
public final class MemoryService {
    private static final System.Logger LOG = System.getLogger(MemoryService.class.getName());
    /** The memory index in the frozen prefix: at most this many entries and characters. */
    static final int INDEX_ENTRIES = 30;
    static final int INDEX_CHARS = 3_000;

    private final MemoryStore store;
    private final MemoryIndex index;
    private final Optional<Embedder> embedder;
    private final HybridSearch search;
    private final Clock clock;
    private final ReentrantLock writes = new ReentrantLock();
    private final Retrieval retrieval;
    private final Corrections corrections;
    /** The model the index's vectors are complete for: {@code none} while the background embedding runs. */
    private volatile String indexedModel;

    /**
     * How much memory goes into one turn.
     *
     * @param facts the most facts
     * @param procedures the most procedures
     * @param archives the most archives
     * @param archiveMinSimilarity how similar an archive must be to the message
     */
    public record Quotas(int facts, int procedures, int archives, double archiveMinSimilarity) {
        /** The defaults: 3 facts, 2 procedures, 5 archives at 0.5. */
        public static final Quotas DEFAULT = new Quotas(3, 2, 5, 0.5);
    }

    /** What {@link #memorize} did. */
    public sealed interface Memorized {
        /** @return the entry as it now stands */
        MemoryEntry entry();

        /** @param entry the new entry */
        record Stored(MemoryEntry entry) implements Memorized {
        }

        /**
         * @param entry the existing entry with the same text, up to case and white space — active, or merged into an
         *              active one; nothing was written
         */
        record AlreadyKnown(MemoryEntry entry) implements Memorized {
        }

        /**
         * A near duplicate was merged: the survivor reads the longer of the two texts, and the other is kept as an
         * entry of its own, merged into it, which {@link #split} makes active again.
         *
         * @param entry the entry it was merged into, as it now reads
         * @param absorbed the text that no longer stands on its own, status merged
         * @param similarity how close the two were in meaning (cosine)
         */
        record Merged(MemoryEntry entry, MemoryEntry absorbed, double similarity) implements Memorized {
        }
    }

    /**
     * What was recalled for one user message.
     *
     * @param items the memories, facts first, then procedures, then archives
     * @param degraded whether a part of memory failed, so that less than usual was recalled
     * @param problem one sentence on what failed, empty when nothing did
     */
    public record Recall(List<Recalled> items, boolean degraded, String problem) {
    }

    /**
     * Creates the service.
     *
     * @param store the source of truth
     * @param index the search index
     * @param embedder makes vectors; empty for full-text search only
     * @param quotas how much goes into one turn
     * @param clock the clock of created, updated and used times
     */
    public MemoryService(MemoryStore store, MemoryIndex index, Optional<Embedder> embedder, Quotas quotas,
                         Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.search = new HybridSearch(index, embedder);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retrieval = new Retrieval(store, index, embedder, Objects.requireNonNull(quotas, "quotas"), clock);
        this.indexedModel = embeddingModel();
        this.corrections = new Corrections(store, clock, writes, e -> indexed(e, Optional.empty()));
    }

    /** @return whether every entry's vector is made with the current model (false while they are made later) */
    public boolean vectorsComplete() {
        return indexedModel.equals(embeddingModel());
    }

    /** @return the embedding model's name, or {@code none} */
    public String embeddingModel() {
        return embedder.map(Embedder::model).orElse("none");
    }

    /**
     * Remembers a fact or a procedure. An exact duplicate of an active entry of the same namespace and layer is not
     * stored again; a near duplicate (similar in meaning, with the same names, numbers and other identifiers) is
     * merged into it: the entry reads the longer text and the other is kept, linked to it, so that it can be split
     * back out.
     *
     * @param namespace whose memory
     * @param layer {@link MemoryLayer#FACT} or {@link MemoryLayer#PROCEDURE}
     * @param type a word that sorts it, e.g. {@code preference}
     * @param content the text
     * @param sourceSession the conversation it came from, or empty
     * @return what happened
     * @throws IllegalArgumentException for an archive layer or text the entry refuses (empty, too long, not Unicode)
     * @throws InterruptedException when interrupted while embedding
     */
    public Memorized memorize(Namespace namespace, MemoryLayer layer, String type, String content,
                              String sourceSession) throws InterruptedException {
        if (layer == MemoryLayer.ARCHIVE) {
            throw new IllegalArgumentException("archives are written when a conversation ends, not memorized");
        }
        if (MemoryEntry.brokenText(content) || MemoryEntry.brokenText(type)) { // no provider would take it later
            throw new IllegalArgumentException("a memory is Unicode text; this one holds a broken surrogate pair");
        }
        MemoryEntry candidate = MemoryEntry.create(namespace, layer, type, content.strip(), sourceSession,
                clock.instant());
        Optional<float[]> vector = vector(candidate.content());
        writes.lock();
        try {
            Optional<DuplicateSearch.Found> same = DuplicateSearch.of(store, index, candidate, vector);
            if (same.isPresent() && same.get().exact()) {
                return new Memorized.AlreadyKnown(same.get().entry());
            }
            if (same.isPresent()) {
                return merge(candidate, same.get(), vector);
            }
            MemoryEntry stored = store.insert(candidate);
            indexed(stored, vector);
            return new Memorized.Stored(stored);
        } finally {
            writes.unlock();
        }
    }

    /** Merges a near duplicate into the entry found: the longer text stays, the other is kept, linked to it. */
    private Memorized merge(MemoryEntry candidate, DuplicateSearch.Found found, Optional<float[]> vector) {
        MemoryEntry old = found.entry();
        Optional<MemoryEntry> before = store.mergedInto(old.namespace(), old.id()).stream()
                .filter(e -> Duplicates.exact(e.content(), candidate.content())).findFirst();
        if (before.isPresent()) { // merged before, word for word: nothing new
            return new Memorized.AlreadyKnown(before.get());
        }
        boolean longer = Duplicates.normal(candidate.content()).length() > Duplicates.normal(old.content()).length();
        // the text that no longer stands on its own keeps its own type, source and creation
        MemoryEntry absorbed = (longer ? new MemoryEntry(MemoryId.random(), old.namespace(), old.layer(), old.type(),
                old.content(), old.sourceSession(), old.created(), old.updated(), 0, Optional.empty(),
                MemoryEntry.Status.ACTIVE, "", Optional.empty()) : candidate).mergeInto(old.id(), clock.instant());
        MemoryEntry survivor = store.merge(old.withContent(longer ? candidate.content() : old.content(),
                clock.instant()), absorbed);
        indexed(absorbed, longer ? Optional.empty() : vector);
        if (longer) {
            indexed(survivor, vector);
        }
        LOG.log(System.Logger.Level.INFO, "merged " + absorbed.id().shortForm() + " into " + survivor.id().shortForm()
                + " in " + survivor.namespace());
        return new Memorized.Merged(survivor, absorbed, found.similarity());
    }

    /**
     * Forgets a procedure or fact: it is archived with the reason, kept for the record, never recalled again.
     *
     * @param namespace whose memory
     * @param reference the full id or its first 4 or more digits
     * @param reason why, at most {@value MemoryEntry#MAX_REASON} characters
     * @return the forgotten entry, or one sentence on why nothing was forgotten
     */
    public Forgetting forget(Namespace namespace, String reference, String reason) {
        return corrections.forget(namespace, reference, reason);
    }

    /** What {@link #forget} did. */
    public sealed interface Forgetting {
        /** @param entry the entry, now archived */
        record Forgotten(MemoryEntry entry) implements Forgetting {
        }

        /** @param message why nothing was forgotten */
        record Refused(String message) implements Forgetting {
        }
    }

    /**
     * Splits merged memories back out: each becomes an active entry of its own again, indexed and recalled like any.
     *
     * @param namespace whose memory
     * @param reference the id (or its first 4 or more digits) of a merged entry, or of the entry others were merged
     *                  into, which splits them all
     * @return the entries split back out, or one sentence on why nothing changed
     */
    public Splitting split(Namespace namespace, String reference) {
        return corrections.split(namespace, reference);
    }

    /** What {@link #split} did. */
    public sealed interface Splitting {
        /**
         * @param survivor the entry they had been merged into, unchanged
         * @param restored the entries split back out, now active
         */
        record Split(MemoryEntry survivor, List<MemoryEntry> restored) implements Splitting {
        }

        /** @param message why nothing was split */
        record Refused(String message) implements Splitting {
        }
    }

    /**
     * Searches a namespace's active memories, for people and tools ({@code /memory search}).
     *
     * @param namespace whose memory
     * @param query the words
     * @param layers which layers; empty for all
     * @param limit at most this many
     * @return the memories, best first
     * @throws InterruptedException when interrupted while embedding the query
     */
    public List<Recalled> search(Namespace namespace, String query, Set<MemoryLayer> layers, int limit)
            throws InterruptedException {
        List<Recalled> out = new ArrayList<>();
        for (HybridSearch.Result r : search.search(namespace, layers, query, limit)) {
            store.get(namespace, r.id()).filter(MemoryEntry::active)
                    .ifPresent(e -> out.add(new Recalled(e, r.score(), r.similarity())));
        }
        return out;
    }

    /**
     * Recalls what is worth putting before the model for one user message: facts and procedures by hybrid search
     * (a vector-only find must be at least {@value Retrieval#RECALL_FLOOR} similar), archives by meaning above the
     * floor, each within its quota. Every entry recalled has its use counted once. A failing index or embedder gives
     * a degraded, possibly empty recall, never an exception.
     *
     * @param namespace whose memory
     * @param message the user's message
     * @return what was recalled
     * @throws InterruptedException when the turn is aborted meanwhile
     */
    public Recall retrieve(Namespace namespace, String message) throws InterruptedException {
        return retrieval.retrieve(namespace, message);
    }

    /**
     * Stores the archive of a finished conversation: its summary, found by meaning in later conversations.
     *
     * @param namespace whose memory
     * @param sessionId the conversation
     * @param summary what it was about
     * @return the archive entry
     * @throws InterruptedException when interrupted while embedding
     */
    public MemoryEntry archive(Namespace namespace, String sessionId, String summary) throws InterruptedException {
        String text = summary.length() > MemoryEntry.MAX_CONTENT ? summary.substring(0, MemoryEntry.MAX_CONTENT)
                : summary;
        MemoryEntry entry = MemoryEntry.create(namespace, MemoryLayer.ARCHIVE, "session", text, sessionId,
                clock.instant());
        Optional<float[]> vector = vector(text);
        writes.lock();
        try {
            MemoryEntry stored = store.insert(entry);
            indexed(stored, vector);
            return stored;
        } finally {
            writes.unlock();
        }
    }

    /** @return the memory index for the frozen prefix: recent active memories, one line each, within its caps */
    public String indexPrompt(Namespace namespace) {
        return MemoryIndexPrompt.render(store.list(namespace, EnumSet.of(MemoryLayer.FACT, MemoryLayer.PROCEDURE),
                false, INDEX_ENTRIES), INDEX_CHARS);
    }

    /** @return the store, for listing and statistics */
    public MemoryStore store() {
        return store;
    }

    /**
     * Rebuilds the index from the store, whatever its state ({@code jclaw memory reindex}).
     *
     * @param progress told how many entries are done so far
     * @return how many entries were indexed
     * @throws InterruptedException when interrupted while embedding
     */
    public long reindex(LongConsumer progress) throws InterruptedException {
        writes.lock();
        try {
            index.clear();
            return IndexSync.bringInStep(store, index, embedder, embeddingModel(), progress);
        } finally {
            writes.unlock();
        }
    }

    /**
     * Brings the index in step with the store: when its recorded state differs from the store's fingerprint or
     * embedding model (a new, deleted, corrupted or stale index; another model), it is rebuilt from the store.
     *
     * @param progress told how many entries are done so far, during a rebuild
     * @return how many entries were indexed, 0 when the index was in step
     * @throws InterruptedException when interrupted while embedding
     */
    public long ensureIndex(LongConsumer progress) throws InterruptedException {
        writes.lock();
        try {
            return IndexSync.bringInStep(store, index, embedder, embeddingModel(), progress);
        } finally {
            writes.unlock();
        }
    }

    /**
     * Brings the index in step like {@link #ensureIndex}, but a rebuild indexes the entries for full text at once and
     * leaves their vectors to the returned work, for the caller to run in the background: meanwhile every entry is
     * found by its words, and more of them by meaning as their vectors arrive, so a change of embedding model costs
     * a turn nothing. Until the vectors are complete the index records {@code none} as its model, so work that is
     * interrupted starts again on the next open.
     *
     * @param progress told how many entries have their vector so far, from the thread running the work
     * @return the work, yielding how many entries got their vector; empty when the index was in step or there is
     *         no embedder
     * @throws InterruptedException when interrupted while waiting for the write lock
     */
    public Optional<Callable<Long>> ensureIndexLater(LongConsumer progress) throws InterruptedException {
        writes.lockInterruptibly();
        try {
            // an empty store has nothing to embed: it is in step at once
            IndexSync.bringInStep(store, index, embedder, embeddingModel(), progress,
                    store.fingerprint().entries() > 0);
            if (embedder.isEmpty() || index.syncState().map(s -> s.embeddingModel().equals(embeddingModel()))
                    .orElse(false)) {
                return Optional.empty();
            }
            indexedModel = IndexSync.NO_VECTORS;
        } finally {
            writes.unlock();
        }
        return Optional.of(() -> {
            long n = IndexSync.embedAll(store, index, embedder.get(), writes, progress);
            writes.lockInterruptibly();
            try {
                indexedModel = embeddingModel();
                index.commit(new MemoryIndex.SyncState(store.fingerprint(), indexedModel));
            } finally {
                writes.unlock();
            }
            return n;
        });
    }

    private Optional<float[]> vector(String text) throws InterruptedException {
        return retrieval.vectors(text, text).stream().findFirst();
    }

    /** Writes an entry through to the index; the store already has it, so a failure only makes the index stale. */
    private void indexed(MemoryEntry e, Optional<float[]> vector) {
        try {
            Optional<float[]> v = vector.isPresent() || embedder.isEmpty() ? vector : vector(e.content());
            index.put(new MemoryIndex.Doc(e.id(), e.namespace(), e.layer(), e.content(), v, e.active()));
            index.commit(new MemoryIndex.SyncState(store.fingerprint(), indexedModel));
        } catch (MemoryException | IllegalArgumentException ex) {
            LOG.log(System.Logger.Level.WARNING, "the memory index missed entry " + e.id().shortForm()
                    + "; it is rebuilt from the store on the next start: " + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
