package dev.jclaw.core.memory;

import java.util.Objects;

/**
 * A memory found for a query.
 *
 * @param entry the entry
 * @param score how well it matched: the fused rank score, higher is better
 * @param similarity its cosine similarity to the query, or {@link Double#NaN} when vectors did not find it
 */
public record Recalled(MemoryEntry entry, double score, double similarity) {
    /** Checks the entry. */
    public Recalled {
        Objects.requireNonNull(entry, "entry");
    }

    /** @return how the model and people see where it comes from, e.g. {@code L2 ab12cd34} */
    public String source() {
        return entry.layer().code() + " " + entry.id().shortForm();
    }
}
