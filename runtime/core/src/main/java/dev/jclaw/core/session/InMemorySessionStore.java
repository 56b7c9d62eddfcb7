package dev.jclaw.core.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A session store in memory: for tests and for turns that need not outlive the process. Everything it holds is
 * lost when the process ends. Each operation is atomic (one monitor for the whole store).
 */
public final class InMemorySessionStore implements SessionStore {
    private final Map<SessionKey, List<SessionId>> byKey = new HashMap<>();
    private final Map<SessionKey, SessionId> currentByKey = new HashMap<>();
    private final LinkedHashMap<SessionId, SessionHeader> headers = new LinkedHashMap<>(); // oldest first
    private final Map<SessionId, Map<EntryId, Entry>> entries = new HashMap<>();

    @Override
    public synchronized SessionHeader current(SessionKey key) {
        SessionId id = currentByKey.get(key);
        return id == null ? rotate(key) : headers.get(id);
    }

    @Override
    public synchronized Optional<SessionHeader> findCurrent(SessionKey key) {
        SessionId id = currentByKey.get(key);
        return id == null ? Optional.empty() : Optional.of(headers.get(id));
    }

    @Override
    public synchronized SessionHeader rotate(SessionKey key) {
        SessionHeader header = SessionHeader.started(SessionId.random(), key, now());
        headers.put(header.id(), header);
        entries.put(header.id(), new LinkedHashMap<>());
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(header.id());
        currentByKey.put(key, header.id());
        return header;
    }

    @Override
    public synchronized Optional<SessionHeader> resume(SessionKey key, SessionId id) {
        SessionHeader header = headers.get(id);
        if (header == null || !header.key().equals(key)) {
            return Optional.empty();
        }
        currentByKey.put(key, id);
        return Optional.of(header);
    }

    @Override
    public synchronized List<SessionHeader> list(SessionKey key) {
        List<SessionId> ids = byKey.getOrDefault(key, List.of());
        List<SessionHeader> out = new ArrayList<>(ids.size());
        for (int i = ids.size() - 1; i >= 0; i--) {
            out.add(headers.get(ids.get(i)));
        }
        return out;
    }

    @Override
    public synchronized List<SessionHeader> listByKeyPrefix(String prefix, int limit) {
        SessionStore.checkListLimit(limit);
        if (!SessionKey.couldStartWith(prefix)) {
            return List.of();
        }
        List<SessionHeader> out = new ArrayList<>();
        for (SessionHeader header : headers.sequencedValues().reversed()) {
            if (out.size() >= limit) {
                break;
            }
            if (header.key().value().startsWith(prefix)) {
                out.add(header);
            }
        }
        return out;
    }

    @Override
    public synchronized int moveKey(SessionKey from, SessionKey to) {
        List<SessionId> ids = byKey.get(from);
        if (ids == null || from.equals(to)) {
            return 0;
        }
        byKey.remove(from);
        SessionId current = currentByKey.remove(from);
        for (SessionId id : ids) {
            SessionHeader h = headers.get(id);
            headers.put(id, new SessionHeader(id, to, h.created(), h.title(), h.model(), h.leaf(), h.updated()));
        }
        // by creation, as a persistent store lists them: the moved ones may be older than the target's
        List<SessionId> all = new ArrayList<>(byKey.getOrDefault(to, List.of()));
        all.addAll(ids);
        List<SessionId> order = new ArrayList<>(headers.keySet());
        all.sort(Comparator.comparingInt(order::indexOf));
        byKey.put(to, all);
        if (current != null) {
            currentByKey.putIfAbsent(to, current);
        }
        return ids.size();
    }

    @Override
    public synchronized boolean delete(SessionId id) {
        SessionHeader header = headers.remove(id);
        if (header == null) {
            return false;
        }
        entries.remove(id);
        List<SessionId> ids = byKey.get(header.key());
        ids.remove(id);
        if (ids.isEmpty()) {
            byKey.remove(header.key());
        }
        currentByKey.remove(header.key(), id);
        return true;
    }

    @Override
    public synchronized Optional<SessionHeader> header(SessionId id) {
        return Optional.ofNullable(headers.get(id));
    }

    @Override
    public synchronized Entry append(SessionId id, Entry.Body body) {
        SessionHeader header = known(id);
        if (body instanceof Entry.CompactionSummary summary
                && path(id).stream().noneMatch(e -> e.id().equals(summary.firstKept()))) {
            throw new IllegalArgumentException("a compaction summary must keep an entry of its branch; "
                    + summary.firstKept() + " is not on the branch of session " + id);
        }
        Entry entry = new Entry(EntryId.random(), header.leaf(), now(), body);
        entries.get(id).put(entry.id(), entry);
        headers.put(id, header.withLeaf(entry.id(), entry.at()));
        return entry;
    }

    @Override
    public synchronized List<Entry> appendAll(SessionId id, List<Entry.Body> bodies) {
        SessionHeader before = known(id);
        List<Entry> written = new ArrayList<>(bodies.size());
        try {
            for (Entry.Body body : bodies) {
                written.add(append(id, body));
            }
        } catch (RuntimeException e) {
            written.forEach(entry -> entries.get(id).remove(entry.id()));
            headers.put(id, before);
            throw e;
        }
        return List.copyOf(written);
    }

    @Override
    public synchronized List<Entry> path(SessionId id) {
        SessionHeader header = known(id);
        Map<EntryId, Entry> all = entries.get(id);
        List<Entry> path = new ArrayList<>();
        for (Optional<EntryId> at = header.leaf(); at.isPresent(); at = all.get(at.get()).parent()) {
            path.add(all.get(at.get()));
        }
        return path.reversed();
    }

    @Override
    public synchronized void moveLeaf(SessionId id, EntryId entry) {
        SessionHeader header = known(id);
        Entry target = entries.get(id).get(entry);
        if (target == null) {
            throw new IllegalArgumentException("entry " + entry + " is not in session " + id);
        }
        headers.put(id, header.withLeaf(entry, target.at()));
    }

    @Override
    public synchronized SessionHeader setTitle(SessionId id, String title) {
        SessionHeader header = known(id).withTitle(title);
        headers.put(id, header);
        return header;
    }

    @Override
    public synchronized SessionHeader setModel(SessionId id, String model) {
        SessionHeader header = known(id).withModel(model);
        headers.put(id, header);
        return header;
    }

    private SessionHeader known(SessionId id) {
        SessionHeader header = headers.get(id);
        if (header == null) {
            throw new IllegalArgumentException("no session " + id);
        }
        return header;
    }

    /** Millisecond precision, as persistent stores keep it, so that what append returns equals what path reads. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void close() {
    }
}
