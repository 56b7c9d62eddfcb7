package dev.jclaw.core.session;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A session store in memory: for tests and for turns that need not outlive the process. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<SessionKey, List<SessionInfo>> byKey = new HashMap<>();
    private final Map<SessionKey, SessionId> currentByKey = new HashMap<>();
    private final Map<SessionId, SessionInfo> sessions = new HashMap<>();
    private final Map<SessionId, Map<String, Entry>> entries = new HashMap<>();

    @Override
    public synchronized SessionInfo current(SessionKey key) {
        SessionId id = currentByKey.get(key);
        return id == null ? rotate(key) : sessions.get(id);
    }

    @Override
    public synchronized SessionInfo rotate(SessionKey key) {
        SessionInfo info = new SessionInfo(SessionId.random(), key, Instant.now(), "");
        sessions.put(info.id(), info);
        entries.put(info.id(), new HashMap<>());
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(info);
        currentByKey.put(key, info.id());
        return info;
    }

    @Override
    public synchronized Optional<SessionInfo> resume(SessionKey key, SessionId id) {
        SessionInfo info = sessions.get(id);
        if (info == null || !info.key().equals(key)) {
            return Optional.empty();
        }
        currentByKey.put(key, id);
        return Optional.of(info);
    }

    @Override
    public synchronized List<SessionInfo> list(SessionKey key) {
        List<SessionInfo> out = new ArrayList<>();
        for (SessionInfo info : byKey.getOrDefault(key, List.of())) {
            out.add(sessions.get(info.id()));
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public synchronized Entry append(SessionId id, Entry.Body body) {
        SessionInfo info = known(id);
        Entry entry = new Entry(UUID.randomUUID().toString(), info.leaf(), Instant.now(), body);
        entries.get(id).put(entry.id(), entry);
        sessions.put(id, new SessionInfo(id, info.key(), info.created(), entry.id()));
        return entry;
    }

    @Override
    public synchronized List<Entry> path(SessionId id) {
        SessionInfo info = known(id);
        Map<String, Entry> all = entries.get(id);
        List<Entry> path = new ArrayList<>();
        for (String at = info.leaf(); !at.isEmpty(); at = all.get(at).parentId()) {
            path.add(all.get(at));
        }
        Collections.reverse(path);
        return path;
    }

    @Override
    public synchronized void moveLeaf(SessionId id, String entryId) {
        SessionInfo info = known(id);
        if (!entries.get(id).containsKey(entryId)) {
            throw new IllegalArgumentException("entry " + entryId + " is not in session " + id);
        }
        sessions.put(id, new SessionInfo(id, info.key(), info.created(), entryId));
    }

    private SessionInfo known(SessionId id) {
        SessionInfo info = sessions.get(id);
        if (info == null) {
            throw new IllegalArgumentException("no session " + id);
        }
        return info;
    }

    @Override
    public void close() {
    }
}
