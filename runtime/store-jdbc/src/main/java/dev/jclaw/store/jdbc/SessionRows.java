package dev.jclaw.store.jdbc;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The statements behind {@link JdbcSessionStore}, each run inside the caller's transaction. */
final class SessionRows {
    /** A header's columns; its updated time is the leaf entry's (a lookup by primary key), its start without one. */
    private static final String HEADER = "SELECT s.id, s.session_key, s.created_ms, s.title, s.model, s.leaf,"
            + " COALESCE((SELECT e.at_ms FROM entries e WHERE e.id = s.leaf), s.created_ms)";

    private SessionRows() {
    }

    /**
     * Reads a conversation's header; {@code forUpdate} first takes its row lock until the transaction ends, so that
     * writers of one conversation queue. The lock is taken with an update that changes nothing rather than with
     * {@code SELECT ... FOR UPDATE}, which H2 cannot keep parsed and parsed again on every append (5% of a turn).
     */
    static Optional<SessionHeader> header(Connection c, SessionId id, boolean forUpdate) throws SQLException {
        if (forUpdate) {
            try (PreparedStatement lock = c.prepareStatement("UPDATE sessions SET leaf = leaf WHERE id = ?")) {
                lock.setString(1, id.value());
                if (lock.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(HEADER + " FROM sessions s WHERE s.id = ?")) {
            s.setString(1, id.value());
            return first(s);
        }
    }

    static SessionHeader known(Connection c, SessionId id, boolean forUpdate) throws SQLException {
        return header(c, id, forUpdate).orElseThrow(() -> new IllegalArgumentException("no session " + id));
    }

    static Optional<SessionHeader> current(Connection c, SessionKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HEADER + " FROM current_sessions cs JOIN sessions s"
                + " ON s.id = cs.session_id WHERE cs.session_key = ?")) {
            s.setString(1, key.value());
            return first(s);
        }
    }

    static List<SessionHeader> list(Connection c, SessionKey key) throws SQLException {
        List<SessionHeader> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(HEADER + " FROM sessions s WHERE s.session_key = ?"
                + " ORDER BY s.ordinal DESC")) {
            s.setString(1, key.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(header(rs));
                }
            }
        }
        return out;
    }

    /** The conversations whose key starts with a prefix, newest first; the prefix is matched literally. */
    static List<SessionHeader> listByPrefix(Connection c, String prefix, int limit) throws SQLException {
        List<SessionHeader> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(HEADER + " FROM sessions s WHERE s.session_key LIKE ?"
                + " ESCAPE '!' ORDER BY s.ordinal DESC LIMIT ?")) {
            s.setString(1, likePrefix(prefix));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(header(rs));
                }
            }
        }
        return out;
    }

    /** A LIKE pattern that matches the texts starting with a prefix: its wildcards and the escape escaped. */
    static String likePrefix(String prefix) {
        StringBuilder out = new StringBuilder(prefix.length() + 8);
        for (int i = 0; i < prefix.length(); i++) {
            char ch = prefix.charAt(i);
            if (ch == '%' || ch == '_' || ch == '!') {
                out.append('!');
            }
            out.append(ch);
        }
        return out.append('%').toString();
    }

    /** Deletes a conversation, its entries and their images, and the key's pointer to it if it is current. */
    static void delete(Connection c, SessionHeader header) throws SQLException {
        ImageRows.deleteSession(c, header.id());
        for (String sql : List.of("DELETE FROM entries WHERE session_id = ?",
                "DELETE FROM current_sessions WHERE session_id = ? AND session_key = ?",
                "DELETE FROM sessions WHERE id = ?")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, header.id().value());
                if (sql.contains("session_key")) {
                    s.setString(2, header.key().value());
                }
                s.executeUpdate();
            }
        }
    }

    /**
     * Moves a key's conversations to another key. Its pointer moves with them when the other key points nowhere,
     * else it is dropped and the other key's current conversation stays current.
     */
    static int moveKey(Connection c, SessionKey from, SessionKey to) throws SQLException {
        int moved;
        try (PreparedStatement s = c.prepareStatement("UPDATE sessions SET session_key = ? WHERE session_key = ?")) {
            s.setString(1, to.value());
            s.setString(2, from.value());
            moved = s.executeUpdate();
        }
        if (moved == 0) {
            return 0;
        }
        dropDanglingCurrent(c, to);
        boolean pointed = current(c, to).isPresent();
        try (PreparedStatement s = c.prepareStatement(pointed
                ? "DELETE FROM current_sessions WHERE session_key = ?"
                : "UPDATE current_sessions SET session_key = ? WHERE session_key = ?")) {
            if (pointed) {
                s.setString(1, from.value());
            } else {
                s.setString(1, to.value());
                s.setString(2, from.value());
            }
            s.executeUpdate();
        }
        return moved;
    }

    /** Removes the key's pointer when the conversation it points at is gone, so that a new one can be current. */
    static void dropDanglingCurrent(Connection c, SessionKey key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM current_sessions WHERE session_key = ? AND NOT"
                + " EXISTS (SELECT 1 FROM sessions s WHERE s.id = current_sessions.session_id)")) {
            s.setString(1, key.value());
            s.executeUpdate();
        }
    }

    private static Optional<SessionHeader> first(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(header(rs)) : Optional.empty();
        }
    }

    private static SessionHeader header(ResultSet rs) throws SQLException {
        return new SessionHeader(new SessionId(rs.getString(1)), new SessionKey(rs.getString(2)),
                Instant.ofEpochMilli(rs.getLong(3)), optional(rs.getString(4)), optional(rs.getString(5)),
                optional(rs.getString(6)).map(EntryId::new), Instant.ofEpochMilli(rs.getLong(7)));
    }

    private static Optional<String> optional(String column) {
        return column == null || column.isEmpty() ? Optional.empty() : Optional.of(column);
    }

    static void insert(Connection c, SessionHeader header) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sessions (id, session_key, created_ms, title,"
                + " model, leaf) VALUES (?, ?, ?, '', '', '')")) {
            s.setString(1, header.id().value());
            s.setString(2, header.key().value());
            s.setLong(3, header.created().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** Points a key at a conversation, replacing the one it pointed at. */
    static void makeCurrent(Connection c, SessionKey key, SessionId id) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "UPDATE current_sessions SET session_id = ? WHERE session_key = ?")) {
            u.setString(1, id.value());
            u.setString(2, key.value());
            if (u.executeUpdate() > 0) {
                return;
            }
        }
        insertCurrent(c, key, id);
    }

    /** Points a key that points nowhere at a conversation; fails with a unique violation when it points somewhere. */
    static void insertCurrent(Connection c, SessionKey key, SessionId id) throws SQLException {
        try (PreparedStatement i = c.prepareStatement(
                "INSERT INTO current_sessions (session_key, session_id) VALUES (?, ?)")) {
            i.setString(1, key.value());
            i.setString(2, id.value());
            i.executeUpdate();
        }
    }

    static void insert(Connection c, SessionId id, Entry entry) throws SQLException {
        insertAll(c, id, List.of(entry));
    }

    /** Inserts entries with one statement, batched when there are several. */
    static void insertAll(Connection c, SessionId id, List<Entry> entries) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO entries (id, session_id, parent_id, at_ms, kind,"
                + " body) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Entry entry : entries) {
                s.setString(1, entry.id().value());
                s.setString(2, id.value());
                s.setString(3, entry.parent().map(EntryId::value).orElse(""));
                s.setLong(4, entry.at().toEpochMilli());
                s.setString(5, EntryCodec.kind(entry.body()));
                s.setString(6, EntryCodec.encode(entry.body()));
                if (entries.size() == 1) {
                    s.executeUpdate();
                } else {
                    s.addBatch();
                }
            }
            if (entries.size() > 1) {
                s.executeBatch();
            }
        }
        for (Entry entry : entries) {
            if (entry.body() instanceof Entry.User user) {
                ImageRows.insert(c, id, entry.id(), user.images());
            }
        }
    }

    static void update(Connection c, SessionHeader header) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE sessions SET title = ?, model = ?, leaf = ? WHERE id = ?")) {
            s.setString(1, header.title().orElse(""));
            s.setString(2, header.model().orElse(""));
            s.setString(3, header.leaf().map(EntryId::value).orElse(""));
            s.setString(4, header.id().value());
            s.executeUpdate();
        }
    }

    /** @return when an entry of a conversation was written, or empty when the conversation has no such entry */
    static Optional<Instant> written(Connection c, SessionId id, EntryId entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT at_ms FROM entries WHERE id = ? AND session_id = ?")) {
            s.setString(1, entry.value());
            s.setString(2, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
            }
        }
    }

    /** One entry as stored, its body not yet read. */
    private record Row(EntryId id, Optional<EntryId> parent, long atMs, String kind, String body) {
    }

    /**
     * Reads the branch from the root to the leaf. Only the bodies on the branch are parsed, and only the images of
     * its user entries that have some are read.
     */
    static List<Entry> path(Connection c, SessionHeader header) throws SQLException {
        if (header.leaf().isEmpty()) {
            return List.of();
        }
        Map<EntryId, Row> all = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, parent_id, at_ms, kind, body FROM entries WHERE session_id = ?")) {
            s.setString(1, header.id().value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Row row = new Row(new EntryId(rs.getString(1)), optional(rs.getString(2)).map(EntryId::new),
                            rs.getLong(3), rs.getString(4), rs.getString(5));
                    all.put(row.id(), row);
                }
            }
        }
        List<Row> branch = new ArrayList<>();
        for (Optional<EntryId> at = header.leaf(); at.isPresent(); ) {
            Row row = all.get(at.get());
            if (row == null || branch.size() >= all.size()) {
                throw damaged(header, "entry " + at.get() + (row == null ? " is missing" : " is its own ancestor"));
            }
            branch.add(row);
            at = row.parent();
        }
        List<JsonObject> bodies = new ArrayList<>(branch.size());
        List<EntryId> withImages = new ArrayList<>();
        for (Row row : branch) {
            JsonObject json = Json.parseObject(row.body());
            bodies.add(json);
            if (EntryCodec.images(row.kind(), json) > 0) {
                withImages.add(row.id());
            }
        }
        Map<EntryId, List<ImageInput>> images = withImages.isEmpty() ? Map.of() : ImageRows.read(c, withImages);
        List<Entry> path = new ArrayList<>(branch.size());
        for (int i = branch.size() - 1; i >= 0; i--) {
            Row row = branch.get(i);
            List<ImageInput> own = images.getOrDefault(row.id(), List.of());
            if (own.size() != EntryCodec.images(row.kind(), bodies.get(i))) {
                throw damaged(header, "the images of entry " + row.id() + " are missing");
            }
            path.add(new Entry(row.id(), row.parent(), Instant.ofEpochMilli(row.atMs()),
                    EntryCodec.decode(row.kind(), bodies.get(i), own)));
        }
        return path;
    }

    private static SessionStoreException damaged(SessionHeader header, String what) {
        return new SessionStoreException("session " + header.id() + " is damaged: " + what
                + "; move its leaf to an intact entry or start a new session with /new");
    }
}
