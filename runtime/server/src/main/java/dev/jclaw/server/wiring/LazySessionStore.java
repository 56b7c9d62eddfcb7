package dev.jclaw.server.wiring;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A session store opened on first use. The server holds one so that the embedded H2 file, which only one process
 * may have open, stays free for {@code jclaw run} and {@code jclaw chat} on the same data directory until a turn
 * reaches the server. A failed opening is not kept: the next use tries again.
 */
public final class LazySessionStore implements SessionStore {
    private final Supplier<SessionStore> opener;
    private SessionStore store; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param opener opens the store; throws {@link dev.jclaw.core.session.SessionStoreException} when it cannot
     */
    public LazySessionStore(Supplier<SessionStore> opener) {
        this.opener = opener;
    }

    /** @return whether the store was opened */
    public synchronized boolean isOpen() {
        return store != null;
    }

    private synchronized SessionStore store() {
        if (closed) {
            throw new IllegalStateException("the session store is closed");
        }
        if (store == null) {
            store = opener.get();
        }
        return store;
    }

    @Override
    public SessionHeader current(SessionKey key) {
        return store().current(key);
    }

    @Override
    public Optional<SessionHeader> findCurrent(SessionKey key) {
        return store().findCurrent(key);
    }

    @Override
    public SessionHeader rotate(SessionKey key) {
        return store().rotate(key);
    }

    @Override
    public Optional<SessionHeader> resume(SessionKey key, SessionId id) {
        return store().resume(key, id);
    }

    @Override
    public int moveKey(SessionKey from, SessionKey to) {
        return store().moveKey(from, to);
    }

    @Override
    public List<SessionHeader> list(SessionKey key) {
        return store().list(key);
    }

    @Override
    public List<SessionHeader> listByKeyPrefix(String prefix, int limit) {
        return store().listByKeyPrefix(prefix, limit);
    }

    @Override
    public boolean delete(SessionId id) {
        return store().delete(id);
    }

    @Override
    public Optional<SessionHeader> header(SessionId id) {
        return store().header(id);
    }

    @Override
    public Entry append(SessionId id, Entry.Body body) {
        return store().append(id, body);
    }

    @Override
    public List<Entry> appendAll(SessionId id, List<Entry.Body> bodies) {
        return store().appendAll(id, bodies);
    }

    @Override
    public List<Entry> path(SessionId id) {
        return store().path(id);
    }

    @Override
    public void moveLeaf(SessionId id, EntryId entry) {
        store().moveLeaf(id, entry);
    }

    @Override
    public SessionHeader setTitle(SessionId id, String title) {
        return store().setTitle(id, title);
    }

    @Override
    public SessionHeader setModel(SessionId id, String model) {
        return store().setModel(id, model);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
        }
    }
}
