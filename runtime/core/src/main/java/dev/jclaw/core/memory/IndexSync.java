package dev.jclaw.core.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/** Rebuilds a memory index from its store when the index is not in step with it (called under the write lock). */
final class IndexSync {
    private static final System.Logger LOG = System.getLogger(IndexSync.class.getName());
    private static final int BATCH = 64;

    private IndexSync() {
    }

    static long bringInStep(MemoryStore store, MemoryIndex index, Optional<Embedder> embedder, String model,
                            LongConsumer progress) throws InterruptedException {
        MemoryStore.Fingerprint now = store.fingerprint();
        Optional<MemoryIndex.SyncState> state = index.syncState();
        if (state.isPresent() && state.get().store().equals(now) && state.get().embeddingModel().equals(model)) {
            return 0;
        }
        LOG.log(System.Logger.Level.INFO, "rebuilding the memory index from the store: " + now.entries()
                + " entries, embeddings " + model);
        index.clear();
        List<MemoryEntry> batch = new ArrayList<>();
        long[] done = {0, 0}; // entries indexed, batches without vectors
        InterruptedException[] interrupted = {null};
        store.forEach(e -> {
            if (interrupted[0] != null) {
                return;
            }
            batch.add(e);
            if (batch.size() == BATCH) {
                interrupted[0] = flush(index, embedder, batch, done, progress);
            }
        });
        if (interrupted[0] == null) {
            interrupted[0] = flush(index, embedder, batch, done, progress);
        }
        if (interrupted[0] != null) {
            throw interrupted[0];
        }
        // without vectors (the embedder failed) the index says so, and the next start embeds again
        index.commit(new MemoryIndex.SyncState(now, done[1] > 0 ? "none" : model));
        return done[0];
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
