package dev.jclaw.core.memory;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Finds the active entry a new memory duplicates, if any: word for word, then by meaning ({@link Duplicates}). */
final class DuplicateSearch {
    private DuplicateSearch() {
    }

    /**
     * A duplicate found.
     *
     * @param entry the active entry of the same namespace and layer
     * @param exact whether it is the same text, up to case and white space
     * @param similarity the cosine similarity of the two, 1 for an exact duplicate
     */
    record Found(MemoryEntry entry, boolean exact, double similarity) {
    }

    static Optional<Found> of(MemoryStore store, MemoryIndex index, MemoryEntry candidate, Optional<float[]> vector) {
        Set<MemoryLayer> layer = EnumSet.of(candidate.layer());
        for (MemoryIndex.Hit hit : index.text(candidate.namespace(), layer, candidate.content(), 5)) {
            Optional<MemoryEntry> e = store.get(candidate.namespace(), hit.id());
            if (e.isPresent() && e.get().active() && Duplicates.exact(e.get().content(), candidate.content())) {
                return Optional.of(new Found(e.get(), true, 1));
            }
        }
        if (vector.isPresent()) {
            for (MemoryIndex.Hit hit : index.nearest(candidate.namespace(), layer, vector.get(), 3)) {
                Optional<MemoryEntry> e = store.get(candidate.namespace(), hit.id());
                if (e.isPresent() && e.get().active()
                        && Duplicates.near(e.get().content(), candidate.content(), hit.score())) {
                    return Optional.of(new Found(e.get(), false, hit.score()));
                }
            }
        }
        return Optional.empty();
    }
}
