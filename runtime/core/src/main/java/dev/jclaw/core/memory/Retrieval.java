package dev.jclaw.core.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The recall for one user message, as {@link MemoryService#retrieve} describes it: one embedding call for the
 * message (and, when the index translates, for the message with its translation, in the same batch), one hybrid
 * search over facts and procedures, one vector search over archives, and the use of each entry counted once.
 *
 * <p>Thread-safety: safe for concurrent use when the store, the index and the embedder are.
 */
final class Retrieval {
    private static final System.Logger LOG = System.getLogger(Retrieval.class.getName());
    /** The least cosine similarity for a fact or procedure found by vectors alone to be recalled. */
    static final double RECALL_FLOOR = 0.5;

    private final MemoryStore store;
    private final MemoryIndex index;
    private final Optional<Embedder> embedder;
    private final MemoryService.Quotas quotas;
    private final Clock clock;

    Retrieval(MemoryStore store, MemoryIndex index, Optional<Embedder> embedder, MemoryService.Quotas quotas,
              Clock clock) {
        this.store = store;
        this.index = index;
        this.embedder = embedder;
        this.quotas = quotas;
        this.clock = clock;
    }

    MemoryService.Recall retrieve(Namespace namespace, String message) throws InterruptedException {
        List<Recalled> items = new ArrayList<>();
        try {
            if (store.list(namespace, Set.of(), false, 1).isEmpty()) {
                return new MemoryService.Recall(List.of(), false, ""); // nothing to recall: no need to embed the message
            }
            List<float[]> vectors = vectors(message, index.embeddingText(message));
            Optional<float[]> query = vectors.isEmpty() ? Optional.empty() : Optional.of(vectors.getLast());
            List<MemoryIndex.Hit> text = index.text(namespace, EnumSet.of(MemoryLayer.FACT, MemoryLayer.PROCEDURE),
                    message, 4 * (quotas.facts() + quotas.procedures()));
            List<MemoryIndex.Hit> near = query.isEmpty() ? List.of() : index.nearest(namespace,
                    EnumSet.of(MemoryLayer.FACT, MemoryLayer.PROCEDURE), query.get(),
                    4 * (quotas.facts() + quotas.procedures()));
            int facts = 0;
            int procedures = 0;
            for (HybridSearch.Result r : HybridSearch.fuse(text, near, text.size() + near.size())) {
                if (r.textRank() == 0 && !(r.similarity() >= RECALL_FLOOR)) {
                    continue;
                }
                boolean fact = r.layer() == MemoryLayer.FACT;
                if (fact ? facts >= quotas.facts() : procedures >= quotas.procedures()) {
                    continue;
                }
                Optional<MemoryEntry> e = store.get(namespace, r.id()).filter(MemoryEntry::active);
                if (e.isPresent()) {
                    items.add(new Recalled(e.get(), r.score(), r.similarity()));
                    if (fact) {
                        facts++;
                    } else {
                        procedures++;
                    }
                }
            }
            items.sort(java.util.Comparator.comparing((Recalled x) -> x.entry().layer()));
            // archives by the message alone: the similarity floor is calibrated on what the user wrote
            items.addAll(archives(namespace, message, vectors.isEmpty() ? Optional.empty()
                    : Optional.of(vectors.getFirst())));
        } catch (MemoryException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "memory is degraded for " + namespace + ": " + e.getMessage());
            markUsed(namespace, items);
            return new MemoryService.Recall(List.copyOf(items), true, "memory is degraded: " + e.getMessage());
        }
        markUsed(namespace, items);
        return new MemoryService.Recall(List.copyOf(items), false, "");
    }

    private List<Recalled> archives(Namespace namespace, String message, Optional<float[]> query) {
        if (quotas.archives() == 0) {
            return List.of();
        }
        List<MemoryIndex.Hit> hits = query.isPresent()
                ? index.nearest(namespace, EnumSet.of(MemoryLayer.ARCHIVE), query.get(), quotas.archives())
                .stream().filter(h -> h.score() >= quotas.archiveMinSimilarity()).toList()
                : index.text(namespace, EnumSet.of(MemoryLayer.ARCHIVE), message, Math.min(2, quotas.archives()));
        List<Recalled> out = new ArrayList<>();
        for (MemoryIndex.Hit h : hits) {
            store.get(namespace, h.id()).filter(MemoryEntry::active)
                    .ifPresent(e -> out.add(new Recalled(e, h.score(), query.isPresent() ? h.score() : Double.NaN)));
        }
        return out;
    }

    private void markUsed(Namespace namespace, List<Recalled> items) {
        if (!items.isEmpty()) {
            try {
                store.markUsed(namespace, items.stream().map(r -> r.entry().id()).toList(), clock.instant());
            } catch (MemoryException e) {
                LOG.log(System.Logger.Level.WARNING, "could not count the use of memories: " + e.getMessage());
            }
        }
    }

    /**
     * Embeds a message and the text a vector search should use for it.
     *
     * @return the message's vector, then the embedding text's (one vector when they are the same); none without an
     *         embedder, for a blank message, or when embedding fails (logged: full-text only for now)
     */
    List<float[]> vectors(String message, String embeddingText) throws InterruptedException {
        if (embedder.isEmpty() || message.isBlank()) {
            return List.of();
        }
        try {
            return embedder.get().embed(message.equals(embeddingText) ? List.of(message)
                    : List.of(message, embeddingText));
        } catch (MemoryException e) {
            LOG.log(System.Logger.Level.WARNING, "embedding failed, full-text only for now: " + e.getMessage());
            return List.of();
        }
    }
}
