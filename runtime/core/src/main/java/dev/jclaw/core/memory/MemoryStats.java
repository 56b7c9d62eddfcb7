package dev.jclaw.core.memory;

/**
 * A namespace's memory in numbers.
 *
 * @param facts active facts (L2)
 * @param procedures active procedures (L3)
 * @param archives conversation archives (L4)
 * @param forgotten entries of any layer that were forgotten
 * @param merged near duplicates kept as the history of the entry they were merged into
 */
public record MemoryStats(long facts, long procedures, long archives, long forgotten, long merged) {
}
