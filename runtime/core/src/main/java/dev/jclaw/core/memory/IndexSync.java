package dev.jclaw.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * Rebuilds a memory index from its store when the index is not in step with it (under the write lock), and makes
 * the vectors of a rebuild that left them for later (in the background, taking the write lock per batch).
 */
final class IndexSync {
    private static final System.Logger LOG = System.getLogger(IndexSync.class.getName());
    private static final int BATCH = 64;

    private IndexSync() {
    }

    /** What the index says its vectors are when they are still to be made. */
    static final String NO_VECTORS = "none";

    static long bringInStep(MemoryStore store, MemoryIndex index, Optional<Embedder> embedder, String model,
                            LongConsumer progress) throws InterruptedException {
        return bringInStep(store, index, embedder, model, progress, false);
    }

    /**
     * Rebuilds the index when its recorded state differs from the store's fingerprint or the model.
     *
     * @param vectorsLater index the entries for full text only, recording {@value #NO_VECTORS} as the model, so that
     *                     {@link #embedAll} can make the vectors afterwards
     * @return how many entries were indexed, 0 when the index was in step
     */
    static long bringInStep(MemoryStore store, MemoryIndex index, Optional<Embedder> embedder, String model,
                            LongConsumer progress, boolean vectorsLater) throws InterruptedException {
        MemoryStore.Fingerprint now = store.fingerprint();
        Optional<MemoryIndex.SyncState> state = index.syncState();
        if (state.isPresent() && state.get().store().equals(now) && state.get().embeddingModel().equals(model)) {
            return 0;
        }
        LOG.log(System.Logger.Level.INFO, "rebuilding the memory index from the store: " + now.entries()
                + " entries, embeddings " + model);
        index.clear();
        Optional<Embedder> embedNow = vectorsLater ? Optional.empty() : embedder; // vectors later: words only
        List<MemoryEntry> batch = new ArrayList<>();
        long[] done = {0, 0}; // entries indexed, batches without vectors
        InterruptedException[] interrupted = {null};
        store.forEach(e -> {
            if (interrupted[0] != null) {
                return;
            }
            batch.add(e);
            if (batch.size() == BATCH) {
                interrupted[0] = flush(index, embedNow, batch, done, progress);
            }
        });
        if (interrupted[0] == null) {
            interrupted[0] = flush(index, embedNow, batch, done, progress);
        }
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        // without vectors (the embedder failed) the index says so, and the next start embeds again
        index.commit(new MemoryIndex.SyncState(now, done[1] > 0 || vectorsLater ? NO_VECTORS : model));
        return done[0];
    }

    /**
     * Makes the vector of every entry of the store and writes it to the index, one batch at a time: embedding
     * outside the write lock, writing under it, skipping an entry that changed or went meanwhile (its write already
     * indexed it with a vector). The caller records the model as complete afterwards.
     *
     * @return how many entries got their vector
     * @throws InterruptedException when interrupted; the index then still says {@value #NO_VECTORS}
     */
    static long embedAll(MemoryStore store, MemoryIndex index, Embedder embedder, ReentrantLock writes,
                         LongConsumer progress) throws InterruptedException {
        List<MemoryEntry> batch = new ArrayList<>();
        long[] done = {0};
        Exception[] failed = {null};
        store.forEach(e -> {
            batch.add(e);
            if (failed[0] == null && batch.size() == BATCH) {
                failed[0] = embedBatch(store, index, embedder, writes, batch, done, progress);
            }
        });
        if (failed[0] == null) {
            failed[0] = embedBatch(store, index, embedder, writes, batch, done, progress);
        }
        if (failed[0] instanceof InterruptedException e) {
            throw e;
        } else if (failed[0] instanceof MemoryException e) {
            throw e;
        }
        return done[0];
    }

    private static Exception embedBatch(MemoryStore store, MemoryIndex index, Embedder embedder, ReentrantLock writes,
                                        List<MemoryEntry> batch, long[] done, LongConsumer progress) {
        if (batch.isEmpty()) {
            return null;
        }
        try {
            List<float[]> vectors = embedder.embed(batch.stream().map(MemoryEntry::content).toList());
            writes.lockInterruptibly();
            try {
                for (int i = 0; i < batch.size(); i++) {
                    MemoryEntry e = batch.get(i);
                    if (store.get(e.namespace(), e.id()).filter(now -> now.content().equals(e.content())
                            && now.active() == e.active()).isPresent()) { // else its write indexed it anew
                        index.put(new MemoryIndex.Doc(e.id(), e.namespace(), e.layer(), e.content(),
                                Optional.of(vectors.get(i)), e.active()));
                    }
                }
            } finally {
                writes.unlock();
            }
        } catch (InterruptedException | MemoryException e) {
            batch.clear();
            return e;
        }
        done[0] += batch.size();
        progress.accept(done[0]);
        batch.clear();
        return null;
    }

    private static InterruptedException flush(MemoryIndex index, Optional<Embedder> embedder,
                                              List<MemoryEntry> batch, long[] done, LongConsumer progress) {
        if (batch.isEmpty()) {
            return null;
        }
        try {
            List<float[]> vectors = List.of();
            if (embedder.isPresent()) {
                try {
                    vectors = embedder.get().embed(batch.stream().map(MemoryEntry::content).toList());
                } catch (MemoryException e) {
                    LOG.log(System.Logger.Level.WARNING, "indexing without vectors: " + e.getMessage());
                    done[1]++;
                }
            }
            for (int i = 0; i < batch.size(); i++) {
                MemoryEntry e = batch.get(i);
                index.put(new MemoryIndex.Doc(e.id(), e.namespace(), e.layer(), e.content(),
                        vectors.isEmpty() ? Optional.empty() : Optional.of(vectors.get(i)), e.active()));
            }
        } catch (InterruptedException e) {
            return e;
        }
        done[0] += batch.size();
        progress.accept(done[0]);
        batch.clear();
        return null;
    }
}
