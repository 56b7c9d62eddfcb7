package dev.jclaw.core.memory;

/** The checks every {@link MemoryStore#merge} makes before it writes, so that all stores refuse the same things. */
public final class Merges {
    private Merges() {
    }

    /**
     * Checks that a merge is well formed.
     *
     * @param survivor the entry merged into
     * @param absorbed the entry merged
     * @throws IllegalArgumentException when the survivor is not active, or the absorbed entry is not merged into it
     *                                  within the same namespace and layer
     */
    public static void check(MemoryEntry survivor, MemoryEntry absorbed) {
        if (!survivor.active()) {
            throw new IllegalArgumentException("only an active memory can be merged into");
        }
        if (!absorbed.mergedInto().equals(java.util.Optional.of(survivor.id()))
                || !absorbed.namespace().equals(survivor.namespace()) || absorbed.layer() != survivor.layer()) {
            throw new IllegalArgumentException("a merged memory is merged into the survivor, in its namespace and"
                    + " layer");
        }
    }
}
