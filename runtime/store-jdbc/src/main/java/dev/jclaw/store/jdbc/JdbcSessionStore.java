package dev.jclaw.store.jdbc;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sessions in a JDBC database: H2 in a file (the embedded default) or PostgreSQL. Each operation is one
 * transaction, so an entry and its leaf move commit together or not at all, and concurrent appends to one
 * conversation queue on its row lock. Operations run on a thread of their own, so that interrupting a caller (an
 * aborted turn) never breaks a write, a connection or the H2 file half-way; the caller's interrupt flag is kept.
 */
public final class JdbcSessionStore implements SessionStore {
    private final Database db;
    private final boolean ownsDatabase;
    private final Transactions tx;

    /**
     * Creates a store over a database, creating or migrating its tables.
     *
     * @param db the database
     * @param ownsDatabase whether {@link #close()} closes the database too
     * @throws SessionStoreException when the tables cannot be created or are newer than this JClaw
     */
    public JdbcSessionStore(Database db, boolean ownsDatabase) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        this.tx = new Transactions(db, "the session database", "the session store", SessionStoreException::new);
        try {
            db.migrate(SessionSchema.COMPONENT, SessionSchema.migrations(db.isH2()));
        } catch (SQLException e) {
            close();
            throw new SessionStoreException("cannot prepare the session tables: " + firstLine(e), e);
        }
    }

    /**
     * Opens the embedded default: an H2 file database in the data directory, owned by the store.
     *
     * @param dataDir the data directory
     * @return the store
     * @throws SessionStoreException with one sentence when the database cannot be opened, e.g. because another
     *                               process holds it
     */
    public static JdbcSessionStore h2(Path dataDir) {
        Database db;
        try {
            db = Database.h2(dataDir);
        } catch (SQLException e) {
            String why = firstLine(e);
            throw new SessionStoreException(why.contains("already in use") || why.contains("locked")
                    ? "the session database in " + dataDir + " is in use by another JClaw process; stop it, or use"
                            + " another JCLAW_HOME"
                    : "cannot open the session database in " + dataDir + ": " + why, e);
        }
        return new JdbcSessionStore(db, true);
    }

    private <T> T transaction(String what, Transactions.Work<T> work) {
        return tx.run(what, work);
    }

    private static String firstLine(SQLException e) {
        return Transactions.firstLine(e);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static SessionHeader start(Connection c, SessionKey key) throws SQLException {
        SessionHeader header = SessionHeader.started(SessionId.random(), key, now());
        SessionRows.insert(c, header);
        return header;
    }

    @Override
    public SessionHeader current(SessionKey key) {
        return transaction("find the current session of " + key, c -> {
            Optional<SessionHeader> current = SessionRows.current(c, key);
            if (current.isPresent()) {
                return current.get();
            }
            SessionRows.dropDanglingCurrent(c, key);
            SessionHeader started = start(c, key);
            // insert, never overwrite: of two simultaneous first uses, the later one fails on the key, is retried
            // and finds the earlier one's conversation
            SessionRows.insertCurrent(c, key, started.id());
            return started;
        });
    }

    @Override
    public Optional<SessionHeader> findCurrent(SessionKey key) {
        return transaction("find the current session of " + key, c -> SessionRows.current(c, key));
    }

    @Override
    public SessionHeader rotate(SessionKey key) {
        return transaction("start a session for " + key, c -> {
            SessionHeader started = start(c, key);
            SessionRows.makeCurrent(c, key, started.id());
            return started;
        });
    }

    @Override
    public Optional<SessionHeader> resume(SessionKey key, SessionId id) {
        return transaction("resume session " + id, c -> {
            // locked, so that a delete running now cannot leave the key pointing at a conversation that is gone
            Optional<SessionHeader> header = SessionRows.header(c, id, true).filter(h -> h.key().equals(key));
            if (header.isPresent()) {
                SessionRows.makeCurrent(c, key, id);
            }
            return header;
        });
    }

    @Override
    public List<SessionHeader> list(SessionKey key) {
        return transaction("list the sessions of " + key, c -> SessionRows.list(c, key));
    }

    @Override
    public List<SessionHeader> listByKeyPrefix(String prefix, int limit) {
        SessionStore.checkListLimit(limit);
        if (!SessionKey.couldStartWith(prefix)) {
            return List.of();
        }
        return transaction("list the sessions by key prefix", c -> SessionRows.listByPrefix(c, prefix, limit));
    }

    @Override
    public int moveKey(SessionKey from, SessionKey to) {
        if (from.equals(to)) {
            return 0;
        }
        return transaction("move the sessions of " + from + " to " + to, c -> SessionRows.moveKey(c, from, to));
    }

    @Override
    public boolean delete(SessionId id) {
        return transaction("delete session " + id, c -> {
            Optional<SessionHeader> header = SessionRows.header(c, id, true);
            if (header.isEmpty()) {
                return false;
            }
            SessionRows.delete(c, header.get());
            return true;
        });
    }

    @Override
    public Optional<SessionHeader> header(SessionId id) {
        return transaction("read session " + id, c -> SessionRows.header(c, id, false));
    }

    @Override
    public Entry append(SessionId id, Entry.Body body) {
        return transaction("write an entry of session " + id, c -> {
            SessionHeader header = SessionRows.known(c, id, true);
            if (body instanceof Entry.CompactionSummary summary
                    && SessionRows.path(c, header).stream().noneMatch(e -> e.id().equals(summary.firstKept()))) {
                throw new IllegalArgumentException("a compaction summary must keep an entry of its branch; "
                        + summary.firstKept() + " is not on the branch of session " + id);
            }
            Entry entry = new Entry(EntryId.random(), header.leaf(), now(), body);
            SessionRows.insert(c, id, entry);
            SessionRows.update(c, header.withLeaf(entry.id(), entry.at()));
            return entry;
        });
    }

    @Override
    public List<Entry> appendAll(SessionId id, List<Entry.Body> bodies) {
        if (bodies.isEmpty()) {
            return List.of();
        }
        return transaction("write " + bodies.size() + " entries of session " + id, c -> {
            SessionHeader header = SessionRows.known(c, id, true);
            List<Entry> written = new ArrayList<>(bodies.size());
            Optional<EntryId> leaf = header.leaf();
            List<Entry> path = null;
            for (Entry.Body body : bodies) {
                if (body instanceof Entry.CompactionSummary summary) {
                    if (path == null) {
                        path = new ArrayList<>(SessionRows.path(c, header));
                    }
                    if (path.stream().noneMatch(e -> e.id().equals(summary.firstKept()))) {
                        throw new IllegalArgumentException("a compaction summary must keep an entry of its branch; "
                                + summary.firstKept() + " is not on the branch of session " + id);
                    }
                }
                Entry entry = new Entry(EntryId.random(), leaf, now(), body);
                written.add(entry);
                if (path != null) {
                    path.add(entry);
                }
                leaf = Optional.of(entry.id());
            }
            SessionRows.insertAll(c, id, written);
            SessionRows.update(c, header.withLeaf(leaf.orElseThrow(), written.getLast().at()));
            return List.copyOf(written);
        });
    }

    @Override
    public List<Entry> path(SessionId id) {
        return transaction("read session " + id, c -> SessionRows.path(c, SessionRows.known(c, id, false)));
    }

    @Override
    public void moveLeaf(SessionId id, EntryId entry) {
        transaction("move the leaf of session " + id, c -> {
            SessionHeader header = SessionRows.known(c, id, true);
            Instant written = SessionRows.written(c, id, entry).orElseThrow(() ->
                    new IllegalArgumentException("entry " + entry + " is not in session " + id));
            SessionRows.update(c, header.withLeaf(entry, written));
            return null;
        });
    }

    @Override
    public SessionHeader setTitle(SessionId id, String title) {
        return transaction("retitle session " + id, c -> {
            SessionHeader header = SessionRows.known(c, id, true).withTitle(title);
            SessionRows.update(c, header);
            return header;
        });
    }

    @Override
    public SessionHeader setModel(SessionId id, String model) {
        return transaction("set the model of session " + id, c -> {
            SessionHeader header = SessionRows.known(c, id, true).withModel(model);
            SessionRows.update(c, header);
            return header;
        });
    }

    /** Lets running operations finish, then closes the database if the store owns it. */
    @Override
    public void close() {
        tx.close();
        if (ownsDatabase) {
            db.close();
        }
    }
}
