package dev.jclaw.store.jdbc;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionInfo;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sessions in a JDBC database. Each write is one transaction (an entry and its leaf move commit together), so a
 * crash leaves either both or neither.
 */
public final class JdbcSessionStore implements SessionStore {
    private final Database db;
    private final boolean ownsDatabase;

    /**
     * Creates a store over a database.
     *
     * @param db the database, migrated
     * @param ownsDatabase whether {@link #close()} closes it
     */
    public JdbcSessionStore(Database db, boolean ownsDatabase) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
    }

    /**
     * Opens the embedded default: an H2 file database in the data directory.
     *
     * @param dataDir the data directory
     * @return the store, owning its database
     * @throws SessionStoreException with one sentence when the database cannot be opened, e.g. because another
     *                               process holds it
     */
    public static JdbcSessionStore h2(java.nio.file.Path dataDir) {
        try {
            return new JdbcSessionStore(Database.h2(dataDir), true);
        } catch (SQLException e) {
            String why = String.valueOf(e.getMessage());
            throw new SessionStoreException(why.contains("already in use") || why.contains("locked")
                    ? "the session database in " + dataDir + " is in use by another JClaw process; stop it, or use"
                            + " another JCLAW_HOME"
                    : "cannot open the session database in " + dataDir + ": " + why.lines().findFirst().orElse(why),
                    e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T transaction(String what, Work<T> work) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new SessionStoreException("the session database failed to " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SessionInfo current(SessionKey key) {
        return transaction("read the current session", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT s.id, s.created_ms, s.leaf FROM current_sessions cs JOIN sessions s ON s.id = cs.session_id"
                            + " WHERE cs.session_key = ?")) {
                s.setString(1, key.value());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return new SessionInfo(new SessionId(rs.getString(1)), key,
                                Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3));
                    }
                }
            }
            return start(c, key);
        });
    }

    @Override
    public SessionInfo rotate(SessionKey key) {
        return transaction("start a session", c -> start(c, key));
    }

    private static SessionInfo start(Connection c, SessionKey key) throws SQLException {
        SessionInfo info = new SessionInfo(SessionId.random(), key, Instant.now(), "");
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO sessions (id, session_key, created_ms, leaf) VALUES (?, ?, ?, '')")) {
            s.setString(1, info.id().value());
            s.setString(2, key.value());
            s.setLong(3, info.created().toEpochMilli());
            s.executeUpdate();
        }
        makeCurrent(c, key, info.id());
        return info;
    }

    private static void makeCurrent(Connection c, SessionKey key, SessionId id) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM current_sessions WHERE session_key = ?");
             PreparedStatement i = c.prepareStatement(
                     "INSERT INTO current_sessions (session_key, session_id) VALUES (?, ?)")) {
            d.setString(1, key.value());
            d.executeUpdate();
            i.setString(1, key.value());
            i.setString(2, id.value());
            i.executeUpdate();
        }
    }

    @Override
    public Optional<SessionInfo> resume(SessionKey key, SessionId id) {
        return transaction("resume a session", c -> {
            Optional<SessionInfo> info = find(c, id).filter(i -> i.key().equals(key));
            if (info.isPresent()) {
                makeCurrent(c, key, id);
            }
            return info;
        });
    }

    @Override
    public List<SessionInfo> list(SessionKey key) {
        return transaction("list sessions", c -> {
            List<SessionInfo> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, created_ms, leaf FROM sessions"
                    + " WHERE session_key = ? ORDER BY ordinal DESC")) {
                s.setString(1, key.value());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SessionInfo(new SessionId(rs.getString(1)), key,
                                Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public Entry append(SessionId id, Entry.Body body) {
        return transaction("write an entry", c -> {
            SessionInfo info = find(c, id).orElseThrow(() -> new IllegalArgumentException("no session " + id));
            Entry entry = new Entry(UUID.randomUUID().toString(), info.leaf(), Instant.now(), body);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO entries (id, session_id, parent_id, at_ms,"
                    + " kind, body) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, entry.id());
                s.setString(2, id.value());
                s.setString(3, entry.parentId());
                s.setLong(4, entry.at().toEpochMilli());
                s.setString(5, EntryCodec.kind(body));
                s.setString(6, EntryCodec.encode(body));
                s.executeUpdate();
            }
            setLeaf(c, id, entry.id());
            return entry;
        });
    }

    @Override
    public List<Entry> path(SessionId id) {
        return transaction("read a session", c -> {
            SessionInfo info = find(c, id).orElseThrow(() -> new IllegalArgumentException("no session " + id));
            Map<String, Entry> all = entries(c, id);
            List<Entry> path = new ArrayList<>();
            for (String at = info.leaf(); !at.isEmpty(); at = all.get(at).parentId()) {
                path.add(all.get(at));
            }
            Collections.reverse(path);
            return path;
        });
    }

    @Override
    public void moveLeaf(SessionId id, String entryId) {
        transaction("move a session's leaf", c -> {
            if (!entries(c, id).containsKey(entryId)) {
                throw new IllegalArgumentException("entry " + entryId + " is not in session " + id);
            }
            setLeaf(c, id, entryId);
            return null;
        });
    }

    private static void setLeaf(Connection c, SessionId id, String leaf) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE sessions SET leaf = ? WHERE id = ?")) {
            s.setString(1, leaf);
            s.setString(2, id.value());
            s.executeUpdate();
        }
    }

    private static Optional<SessionInfo> find(Connection c, SessionId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT session_key, created_ms, leaf FROM sessions WHERE id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new SessionInfo(id, new SessionKey(rs.getString(1)),
                        Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3))) : Optional.empty();
            }
        }
    }

    private static Map<String, Entry> entries(Connection c, SessionId id) throws SQLException {
        Map<String, Entry> all = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, parent_id, at_ms, kind, body FROM entries WHERE session_id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    all.put(rs.getString(1), new Entry(rs.getString(1), rs.getString(2),
                            Instant.ofEpochMilli(rs.getLong(3)), EntryCodec.decode(rs.getString(4), rs.getString(5))));
                }
            }
        }
        return all;
    }

    @Override
    public void close() {
        if (ownsDatabase) {
            db.close();
        }
    }
}
