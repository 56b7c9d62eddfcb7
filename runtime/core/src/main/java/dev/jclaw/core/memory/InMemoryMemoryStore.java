package dev.jclaw.core.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Memory entries in this process only: for tests and for a runtime started without a data directory. Passes the
 * same contract suite as the database stores.
 *
 * <p>Thread-safety: safe for concurrent use (one lock).
 */
public final class InMemoryMemoryStore implements MemoryStore {
    private final Map<MemoryId, MemoryEntry> entries = new LinkedHashMap<>();
    private long writes;

    /** Creates an empty store. */
    public InMemoryMemoryStore() {
    }

    @Override
    public synchronized MemoryEntry insert(MemoryEntry entry) {
        if (entries.containsKey(entry.id())) {
            throw new MemoryException("a memory with id " + entry.id().shortForm() + " exists already");
        }
        entries.put(entry.id(), entry);
        writes++;
        return entry;
    }

    @Override
    public synchronized MemoryEntry update(MemoryEntry entry) {
        MemoryEntry old = entries.get(entry.id());
        if (old == null || !old.namespace().equals(entry.namespace())) {
            throw new MemoryException("no memory " + entry.id().shortForm() + " in " + entry.namespace());
        }
        MemoryEntry kept = new MemoryEntry(old.id(), old.namespace(), old.layer(), old.type(), entry.content(),
                old.sourceSession(), old.created(), entry.updated(), old.useCount(), old.lastUsed(), entry.status(),
                entry.archiveReason(), entry.mergedInto());
        entries.put(kept.id(), kept);
        writes++;
        return kept;
    }

    @Override
    public synchronized MemoryEntry merge(MemoryEntry survivor, MemoryEntry absorbed) {
        Merges.check(survivor, absorbed);
        MemoryEntry old = entries.get(survivor.id());
        if (old == null || !old.namespace().equals(survivor.namespace()) || !old.active()) {
            throw new MemoryException("no active memory " + survivor.id().shortForm() + " in " + survivor.namespace()
                    + " to merge into");
        }
        insert(absorbed);
        return update(survivor);
    }

    @Override
    public synchronized List<MemoryEntry> mergedInto(Namespace namespace, MemoryId survivor) {
        return entries.values().stream().filter(e -> e.namespace().equals(namespace)
                && e.mergedInto().equals(Optional.of(survivor)))
                .sorted(Comparator.comparing(MemoryEntry::updated).thenComparing(e -> e.id().value())).toList();
    }

    @Override
    public synchronized Optional<MemoryEntry> get(Namespace namespace, MemoryId id) {
        return Optional.ofNullable(entries.get(id)).filter(e -> e.namespace().equals(namespace));
    }

    @Override
    public synchronized List<MemoryEntry> byPrefix(Namespace namespace, String prefix) {
        if (!prefix.matches("[0-9a-f]{4,24}")) {
            return List.of();
        }
        return entries.values().stream().filter(e -> e.namespace().equals(namespace)
                && e.id().value().startsWith(prefix)).sorted(Comparator.comparing(e -> e.id().value())).limit(5)
                .toList();
    }

    @Override
    public synchronized List<MemoryEntry> list(Namespace namespace, Set<MemoryLayer> layers, boolean includeArchived,
                                               int limit) {
        return entries.values().stream()
                .filter(e -> e.namespace().equals(namespace) && (layers.isEmpty() || layers.contains(e.layer()))
                        && (includeArchived || e.active()))
                .sorted(Comparator.comparing(MemoryEntry::updated).reversed()
                        .thenComparing(e -> e.id().value()))
                .limit(Math.max(0, Math.min(limit, 10_000))).toList();
    }

    @Override
    public synchronized void markUsed(Namespace namespace, Collection<MemoryId> ids, Instant at) {
        for (MemoryId id : ids) {
            MemoryEntry e = entries.get(id);
            if (e != null && e.namespace().equals(namespace)) {
                entries.put(id, new MemoryEntry(e.id(), e.namespace(), e.layer(), e.type(), e.content(),
                        e.sourceSession(), e.created(), e.updated(), e.useCount() + 1, Optional.of(at), e.status(),
                        e.archiveReason(), e.mergedInto()));
            }
        }
    }

    @Override
    public synchronized MemoryStats stats(Namespace namespace) {
        long facts = 0;
        long procedures = 0;
        long archives = 0;
        long forgotten = 0;
        long merged = 0;
        for (MemoryEntry e : entries.values()) {
            if (!e.namespace().equals(namespace)) {
                continue;
            }
            if (e.status() == MemoryEntry.Status.MERGED) {
                merged++;
            } else if (!e.active()) {
                forgotten++;
            } else {
                switch (e.layer()) {
                    case FACT -> facts++;
                    case PROCEDURE -> procedures++;
                    case ARCHIVE -> archives++;
                }
            }
        }
        return new MemoryStats(facts, procedures, archives, forgotten, merged);
    }

    @Override
    public void forEach(Consumer<MemoryEntry> each) {
        List<MemoryEntry> all;
        synchronized (this) {
            all = List.copyOf(entries.values());
        }
        all.forEach(each);
    }

    @Override
    public synchronized Fingerprint fingerprint() {
        return new Fingerprint(entries.size(), writes);
    }

    @Override
    public void close() {
    }
}
