package dev.jclaw.core.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Setting memory right by the ids people type: forgetting an entry, splitting merged near duplicates back out. Writes
 * under the service's write lock and hands each changed entry to the index.
 */
final class Corrections {
    private final MemoryStore store;
    private final Clock clock;
    private final ReentrantLock writes;
    private final Consumer<MemoryEntry> reindex;

    Corrections(MemoryStore store, Clock clock, ReentrantLock writes, Consumer<MemoryEntry> reindex) {
        this.store = store;
        this.clock = clock;
        this.writes = writes;
        this.reindex = reindex;
    }

    MemoryService.Forgetting forget(Namespace namespace, String reference, String reason) {
        return switch (lookup(namespace, reference)) {
            case Lookup.Missing(String message) -> new MemoryService.Forgetting.Refused(message);
            case Lookup.Found(MemoryEntry entry) when entry.status() == MemoryEntry.Status.MERGED ->
                    new MemoryService.Forgetting.Refused(entry.id().shortForm() + " is merged into "
                            + entry.mergedInto().orElseThrow().shortForm() + "; split it first, or forget that one");
            case Lookup.Found(MemoryEntry entry) when !entry.active() ->
                    new MemoryService.Forgetting.Refused(entry.id().shortForm() + " is already forgotten");
            case Lookup.Found(MemoryEntry entry) -> {
                writes.lock();
                try {
                    MemoryEntry archived = store.update(entry.archived(reason.strip(), clock.instant()));
                    reindex.accept(archived);
                    yield new MemoryService.Forgetting.Forgotten(archived);
                } finally {
                    writes.unlock();
                }
            }
        };
    }

    MemoryService.Splitting split(Namespace namespace, String reference) {
        return switch (lookup(namespace, reference)) {
            case Lookup.Missing(String message) -> new MemoryService.Splitting.Refused(message);
            case Lookup.Found(MemoryEntry entry) -> split(namespace, entry);
        };
    }

    private MemoryService.Splitting split(Namespace namespace, MemoryEntry entry) {
        MemoryId survivor = entry.mergedInto().orElse(entry.id());
        writes.lock();
        try {
            // read again under the lock: a concurrent split may have come first
            List<MemoryEntry> merged = store.mergedInto(namespace, survivor).stream()
                    .filter(e -> entry.id().equals(survivor) || e.id().equals(entry.id())).toList();
            if (merged.isEmpty()) {
                return new MemoryService.Splitting.Refused(entry.id().shortForm() + " has nothing merged into it;"
                        + " give the id of a merged memory, as /memory merged or jclaw memory list --all shows");
            }
            List<MemoryEntry> split = new ArrayList<>();
            for (MemoryEntry e : merged) {
                MemoryEntry restored = store.update(e.split(clock.instant()));
                reindex.accept(restored);
                split.add(restored);
            }
            return new MemoryService.Splitting.Split(store.get(namespace, survivor).orElseThrow(), split);
        } finally {
            writes.unlock();
        }
    }

    private sealed interface Lookup {
        record Found(MemoryEntry entry) implements Lookup {
        }

        record Missing(String message) implements Lookup {
        }
    }

    /** Finds one entry of a namespace by the id people type, or says in one sentence why not. */
    private Lookup lookup(Namespace namespace, String reference) {
        String ref = reference.strip().toLowerCase(java.util.Locale.ROOT);
        List<MemoryEntry> found = store.byPrefix(namespace, ref);
        if (found.isEmpty()) {
            String shown = ref.codePointCount(0, ref.length()) > 24
                    ? ref.substring(0, ref.offsetByCodePoints(0, 24)) + "…" : ref;
            return new Lookup.Missing("no memory " + (shown.isEmpty() ? "with an empty id" : shown) + " here; its id"
                    + " is the 8 characters shown in brackets, e.g. [L3 ab12cd34]");
        }
        if (found.size() > 1) {
            return new Lookup.Missing(found.size() + " memories start with " + ref + "; give more of the id");
        }
        return new Lookup.Found(found.getFirst());
    }
}
