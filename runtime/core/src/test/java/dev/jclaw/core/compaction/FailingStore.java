package dev.jclaw.core.compaction;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionStoreException;
import java.util.List;
import java.util.Optional;

/** A store whose appends fail as a full disk would, writing nothing; everything else goes to a real store. */
final class FailingStore implements SessionStore {
    private final SessionStore real;

    FailingStore(SessionStore real) {
        this.real = real;
    }

    @Override
    public Entry append(SessionId id, Entry.Body body) {
        throw new SessionStoreException("disk full while writing session " + id);
    }

    @Override
    public List<Entry> appendAll(SessionId id, List<Entry.Body> bodies) {
        throw new SessionStoreException("disk full while writing session " + id);
    }

    @Override
    public SessionHeader current(SessionKey key) {
        return real.current(key);
    }

    @Override
    public Optional<SessionHeader> findCurrent(SessionKey key) {
        return real.findCurrent(key);
    }

    @Override
    public SessionHeader rotate(SessionKey key) {
        return real.rotate(key);
    }

    @Override
    public Optional<SessionHeader> resume(SessionKey key, SessionId id) {
        return real.resume(key, id);
    }

    @Override
    public int moveKey(SessionKey from, SessionKey to) {
        return real.moveKey(from, to);
    }

    @Override
    public List<SessionHeader> list(SessionKey key) {
        return real.list(key);
    }

    @Override
    public List<SessionHeader> listByKeyPrefix(String prefix, int limit) {
        return real.listByKeyPrefix(prefix, limit);
    }

    @Override
    public boolean delete(SessionId id) {
        return real.delete(id);
    }

    @Override
    public Optional<SessionHeader> header(SessionId id) {
        return real.header(id);
    }

    @Override
    public List<Entry> path(SessionId id) {
        return real.path(id);
    }

    @Override
    public void moveLeaf(SessionId id, EntryId entry) {
        real.moveLeaf(id, entry);
    }

    @Override
    public SessionHeader setTitle(SessionId id, String title) {
        return real.setTitle(id, title);
    }

    @Override
    public SessionHeader setModel(SessionId id, String model) {
        return real.setModel(id, model);
    }

    @Override
    public void close() {
        real.close();
    }
}
