package dev.jclaw.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A search index over the {@link MemoryStore}: full text (BM25) and vectors (nearest neighbours by cosine). It is a
 * cache: it can be cleared and rebuilt from the store at any time, and says which state of the store it was last
 * brought in step with, so that a missing, stale or corrupted index is noticed and rebuilt.
 *
 * <p>Searches take a namespace and never return another namespace's entries, and return active entries only. The
 * query text is analysed as words, never parsed as query syntax: {@code "AND namespace:*"} is just three words.
 *
 * <p>Thread-safety: implementations are safe for concurrent use; writes become visible to searches at the latest
 * on {@link #commit}.
 */
public interface MemoryIndex extends AutoCloseable {

    /**
     * What the index holds of one entry.
     *
     * @param id the entry's id
     * @param namespace whose memory
     * @param layer its layer
     * @param text the text searched (its content)
     * @param vector its embedding, or empty when none could be made
     * @param active whether it takes part in searches
     */
    record Doc(MemoryId id, Namespace namespace, MemoryLayer layer, String text, Optional<float[]> vector,
               boolean active) {
        /** Checks the fields. */
        public Doc {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(layer, "layer");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(vector, "vector");
        }
    }

    /**
     * One search result.
     *
     * @param id the entry
     * @param layer its layer
     * @param score higher is better: BM25 for text searches, cosine similarity (-1 to 1) for vector searches
     */
    record Hit(MemoryId id, MemoryLayer layer, double score) {
    }

    /**
     * What the index was last brought in step with.
     *
     * @param store the store's fingerprint at that moment
     * @param embeddingModel the model its vectors were made with, empty when it holds none
     */
    record SyncState(MemoryStore.Fingerprint store, String embeddingModel) {
    }

    /**
     * Adds an entry, or replaces the entry with the same id.
     *
     * @param doc the entry
     */
    void put(Doc doc);

    /**
     * Removes an entry, if present.
     *
     * @param id the entry
     */
    void delete(MemoryId id);

    /**
     * Makes the writes so far durable and visible, and records which state of the store they reflect.
     *
     * @param state the store's state and the embedding model
     */
    void commit(SyncState state);

    /** @return what the last commit recorded, or empty for a new, cleared or unreadable index */
    Optional<SyncState> syncState();

    /** Removes every entry; the sync state becomes empty. */
    void clear();

    /**
     * Full-text search, ranked by BM25.
     *
     * @param namespace whose memory
     * @param layers which layers; empty for all
     * @param query the user's words, any language; not query syntax
     * @param limit at most this many
     * @return the hits, best first
     */
    List<Hit> text(Namespace namespace, Set<MemoryLayer> layers, String query, int limit);

    /**
     * Vector search, by cosine similarity.
     *
     * @param namespace whose memory
     * @param layers which layers; empty for all
     * @param query the query's embedding
     * @param limit at most this many
     * @return the hits, most similar first
     */
    List<Hit> nearest(Namespace namespace, Set<MemoryLayer> layers, float[] query, int limit);

    /**
     * The text to embed for a vector search: the user's words, with the index's translation of them when it has
     * one, so that a monolingual embedding model also meets entries written in the other language.
     *
     * @param query the user's words
     * @return the text to embed; the query itself by default
     */
    default String embeddingText(String query) {
        return query;
    }

    /** @return how many entries it holds, active or not */
    long size();

    @Override
    void close();
}
