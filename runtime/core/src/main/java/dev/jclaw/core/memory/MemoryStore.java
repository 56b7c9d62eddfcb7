package dev.jclaw.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where memory entries are kept: the source of truth (H2 embedded, PostgreSQL when scaled out). The search index is
 * rebuilt from it whenever it is missing or out of step.
 *
 * <p>Every read takes a namespace and never returns another namespace's entries. Every write is durable when the
 * method returns, and a failed write leaves nothing half-written.
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 */
public interface MemoryStore extends AutoCloseable {

    /**
     * Adds an entry.
     *
     * @param entry the entry, with a new id
     * @return it, as stored
     * @throws MemoryException when it cannot be stored, or the id is taken
     */
    MemoryEntry insert(MemoryEntry entry);

    /**
     * Replaces an entry's content, updated time, status, archive reason and the entry it is merged into (its id,
     * namespace, layer, type, source and creation stay).
     *
     * @param entry the entry as it should be
     * @return it, as stored
     * @throws MemoryException when no such entry exists in its namespace, or it cannot be written
     */
    MemoryEntry update(MemoryEntry entry);

    /**
     * Merges a near duplicate into an entry, in one transaction: the survivor is updated and the absorbed text is
     * added as an entry of status {@link MemoryEntry.Status#MERGED} linked to it, so that it can be split back out.
     * Either both are written or neither.
     *
     * @param survivor the entry as it should now read; it exists, is active, and stays so
     * @param absorbed the text that no longer stands on its own: a new id, merged into the survivor, same namespace
     * @return the survivor, as stored
     * @throws MemoryException when the survivor does not exist in its namespace, the absorbed id is taken, or it
     *                         cannot be written
     * @throws IllegalArgumentException when the absorbed entry is not merged into the survivor
     */
    MemoryEntry merge(MemoryEntry survivor, MemoryEntry absorbed);

    /**
     * Lists the entries merged into one, oldest first.
     *
     * @param namespace whose memory
     * @param survivor the entry they were merged into
     * @return the merged entries
     */
    List<MemoryEntry> mergedInto(Namespace namespace, MemoryId survivor);

    /**
     * Reads one entry.
     *
     * @param namespace whose memory
     * @param id the id
     * @return it, or empty when this namespace has no such entry
     */
    Optional<MemoryEntry> get(Namespace namespace, MemoryId id);

    /**
     * Finds entries whose id starts with the given digits (the short form people type).
     *
     * @param namespace whose memory
     * @param prefix 4 to 24 lower-case hex digits
     * @return the matching entries, at most a few
     */
    List<MemoryEntry> byPrefix(Namespace namespace, String prefix);

    /**
     * Lists entries, most recently updated first.
     *
     * @param namespace whose memory
     * @param layers which layers; empty for all
     * @param includeArchived whether forgotten and merged entries are listed too
     * @param limit at most this many
     * @return the entries
     */
    List<MemoryEntry> list(Namespace namespace, Set<MemoryLayer> layers, boolean includeArchived, int limit);

    /**
     * Counts use: each entry's use count goes up by one and its last use becomes {@code at}.
     *
     * @param namespace whose memory
     * @param ids the entries put before the model in one user message
     * @param at the time
     */
    void markUsed(Namespace namespace, Collection<MemoryId> ids, Instant at);

    /**
     * Counts a namespace's entries.
     *
     * @param namespace whose memory
     * @return active entries per layer, the forgotten ones and the merged ones
     */
    MemoryStats stats(Namespace namespace);

    /**
     * Walks every entry of every namespace, for rebuilding the index.
     *
     * @param each receives each entry
     */
    void forEach(Consumer<MemoryEntry> each);

    /**
     * Says what the store holds, cheaply, so that an index can tell whether it is in step.
     *
     * @return the number of entries and a checksum that changes with every write
     */
    Fingerprint fingerprint();

    /**
     * What a store holds, in brief.
     *
     * @param entries how many entries, of every namespace and status
     * @param checksum changes with every insert and update
     */
    record Fingerprint(long entries, long checksum) {
    }

    @Override
    void close();
}
