package dev.jclaw.core.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Full-text and vector search over a {@link MemoryIndex}, fused by reciprocal rank fusion: an entry's score is
 * {@code Σ 1 / (k + rank)} over the lists it appears in ({@code k} = {@value #K}), so an entry both searches rank
 * well wins, and neither score scale (BM25 is unbounded, cosine is not) has to be calibrated against the other.
 * Without an embedder it is full-text search alone.
 *
 * <p>Thread-safety: safe for concurrent use when the index and the embedder are.
 */
public final class HybridSearch {
    /** The rank offset of reciprocal rank fusion; 60 is the value of the original paper and of most engines. */
    public static final int K = 60;
    /** How many candidates each search fetches per result wanted. */
    static final int OVERFETCH = 4;

    private final MemoryIndex index;
    private final Optional<Embedder> embedder;

    /**
     * One fused result.
     *
     * @param id the entry
     * @param layer its layer
     * @param score the fused score, higher is better
     * @param textRank its rank in the full-text search, 1-based, 0 when absent
     * @param vectorRank its rank in the vector search, 1-based, 0 when absent
     * @param similarity its cosine similarity to the query, or {@link Double#NaN} when the vector search missed it
     */
    public record Result(MemoryId id, MemoryLayer layer, double score, int textRank, int vectorRank,
                         double similarity) {
    }

    /**
     * Creates the search.
     *
     * @param index the index
     * @param embedder makes the query's vector; empty for full-text search only
     */
    public HybridSearch(MemoryIndex index, Optional<Embedder> embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /** @return whether vectors take part */
    public boolean semantic() {
        return embedder.isPresent();
    }

    /**
     * Searches with both methods and fuses the results.
     *
     * @param namespace whose memory
     * @param layers which layers; empty for all
     * @param query the user's words
     * @param limit at most this many
     * @return the results, best first
     * @throws InterruptedException when interrupted while embedding the query
     */
    public List<Result> search(Namespace namespace, Set<MemoryLayer> layers, String query, int limit)
            throws InterruptedException {
        List<MemoryIndex.Hit> text = index.text(namespace, layers, query, limit * OVERFETCH);
        List<MemoryIndex.Hit> near = embedder.isEmpty() || query.isBlank() ? List.of()
                : index.nearest(namespace, layers, embedder.get().embed(List.of(index.embeddingText(query)))
                .getFirst(), limit * OVERFETCH);
        return fuse(text, near, limit);
    }

    /**
     * Fuses two ranked lists.
     *
     * @param text the full-text hits, best first
     * @param near the vector hits, most similar first
     * @param limit at most this many
     * @return the fused results, best first; ties go to the better full-text rank
     */
    public static List<Result> fuse(List<MemoryIndex.Hit> text, List<MemoryIndex.Hit> near, int limit) {
        Map<MemoryId, double[]> acc = new HashMap<>(); // score, textRank, vectorRank, similarity
        Map<MemoryId, MemoryLayer> layers = new HashMap<>();
        for (int i = 0; i < text.size(); i++) {
            MemoryIndex.Hit h = text.get(i);
            double[] a = acc.computeIfAbsent(h.id(), id -> new double[] {0, 0, 0, Double.NaN});
            if (a[1] == 0) {
                a[0] += 1.0 / (K + i + 1);
                a[1] = i + 1;
            }
            layers.put(h.id(), h.layer());
        }
        for (int i = 0; i < near.size(); i++) {
            MemoryIndex.Hit h = near.get(i);
            double[] a = acc.computeIfAbsent(h.id(), id -> new double[] {0, 0, 0, Double.NaN});
            if (a[2] == 0) {
                a[0] += 1.0 / (K + i + 1);
                a[2] = i + 1;
                a[3] = h.score();
            }
            layers.put(h.id(), h.layer());
        }
        List<Result> out = new ArrayList<>(acc.size());
        acc.forEach((id, a) -> out.add(new Result(id, layers.get(id), a[0], (int) a[1], (int) a[2], a[3])));
        out.sort(Comparator.comparingDouble(Result::score).reversed()
                .thenComparingInt(r -> r.textRank() == 0 ? Integer.MAX_VALUE : r.textRank()));
        return out.size() <= limit ? out : List.copyOf(out.subList(0, limit));
    }
}
