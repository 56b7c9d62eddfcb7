package dev.jclaw.store.jdbc;

import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Merges;
import dev.jclaw.core.memory.Namespace;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Memory entries in a JDBC database — H2 in the data directory's file (shared with the sessions) or PostgreSQL —
 * the source of truth the search index is rebuilt from. Each operation is one transaction on an I/O thread of its
 * own ({@link Transactions}); every statement binds its values, so no content or namespace is ever SQL.
 */
public final class JdbcMemoryStore implements MemoryStore {
    private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{4,24}");
    private static final String COLUMNS = "id, namespace, layer, type, content, source_session, created_ms,"
            + " updated_ms, use_count, last_used_ms, status, archive_reason, merged_into";
    private static final int PAGE = 1_000;
    private final Database db;
    private final boolean ownsDatabase;
    private final Transactions tx;

    /**
     * Creates the store over a database, creating or migrating its tables.
     *
     * @param db the database
     * @param ownsDatabase whether {@link #close()} closes the database too
     * @throws MemoryException when the tables cannot be created or are newer than this JClaw
     */
    public JdbcMemoryStore(Database db, boolean ownsDatabase) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        this.tx = new Transactions(db, "the memory database", "the memory store", MemoryException::new);
        try {
            db.migrate(MemorySchema.COMPONENT, MemorySchema.MIGRATIONS);
        } catch (SQLException e) {
            close();
            throw new MemoryException("cannot prepare the memory tables: " + Transactions.firstLine(e), e);
        }
    }

    /**
     * Opens an H2 file database in a directory, owned by the store.
     *
     * @param dir the memory directory, e.g. {@code data/memory}
     * @return the store
     * @throws MemoryException with one sentence when the database cannot be opened, e.g. because another process
     *                         holds it
     */
    public static JdbcMemoryStore h2(Path dir) {
        Database db;
        try {
            db = Database.h2(dir);
        } catch (SQLException e) {
            String why = Transactions.firstLine(e);
            throw new MemoryException(why.contains("already in use") || why.contains("locked")
                    ? "the memory database in " + dir + " is in use by another JClaw process"
                    : "cannot open the memory database in " + dir + ": " + why, e);
        }
        return new JdbcMemoryStore(db, true);
    }

    @Override
    public MemoryEntry insert(MemoryEntry e) {
        return tx.run("store memory " + e.id().shortForm(), c -> {
            insert(c, e);
            bumpWrites(c);
            return e;
        });
    }

    private static void insert(Connection c, MemoryEntry e) throws SQLException {
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM memories WHERE id = ?")) {
            exists.setString(1, e.id().value());
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    throw new MemoryException("a memory with id " + e.id().shortForm() + " exists already");
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO memories (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.id().value());
            s.setString(2, e.namespace().value());
            s.setString(3, e.layer().name());
            s.setString(4, e.type());
            s.setString(5, e.content());
            s.setString(6, e.sourceSession());
            s.setLong(7, e.created().toEpochMilli());
            s.setLong(8, e.updated().toEpochMilli());
            s.setLong(9, e.useCount());
            setInstant(s, 10, e.lastUsed());
            s.setString(11, e.status().name());
            s.setString(12, e.archiveReason());
            s.setString(13, e.mergedInto().map(MemoryId::value).orElse(""));
            s.executeUpdate();
        }
    }

    @Override
    public MemoryEntry update(MemoryEntry e) {
        return tx.run("update memory " + e.id().shortForm(), c -> {
            update(c, e, "");
            bumpWrites(c);
            return read(c, e.namespace(), e.id()).orElseThrow();
        });
    }

    private static void update(Connection c, MemoryEntry e, String condition) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE memories SET content = ?, updated_ms = ?,"
                + " status = ?, archive_reason = ?, merged_into = ? WHERE id = ? AND namespace = ?" + condition)) {
            s.setString(1, e.content());
            s.setLong(2, e.updated().toEpochMilli());
            s.setString(3, e.status().name());
            s.setString(4, e.archiveReason());
            s.setString(5, e.mergedInto().map(MemoryId::value).orElse(""));
            s.setString(6, e.id().value());
            s.setString(7, e.namespace().value());
            if (s.executeUpdate() == 0) {
                throw new MemoryException("no " + (condition.isEmpty() ? "" : "active ") + "memory "
                        + e.id().shortForm() + " in " + e.namespace());
            }
        }
    }

    @Override
    public MemoryEntry merge(MemoryEntry survivor, MemoryEntry absorbed) {
        Merges.check(survivor, absorbed);
        return tx.run("merge memory " + absorbed.id().shortForm() + " into " + survivor.id().shortForm(), c -> {
            update(c, survivor, " AND status = 'ACTIVE'");
            insert(c, absorbed);
            bumpWrites(c);
            return read(c, survivor.namespace(), survivor.id()).orElseThrow();
        });
    }

    @Override
    public List<MemoryEntry> mergedInto(Namespace namespace, MemoryId survivor) {
        return tx.run("list the memories merged into " + survivor.shortForm(), c -> query(c, "SELECT " + COLUMNS
                + " FROM memories WHERE namespace = ? AND merged_into = ? ORDER BY updated_ms, id", namespace.value(),
                survivor.value()));
    }

    @Override
    public Optional<MemoryEntry> get(Namespace namespace, MemoryId id) {
        return tx.run("read memory " + id.shortForm(), c -> read(c, namespace, id));
    }

    @Override
    public List<MemoryEntry> byPrefix(Namespace namespace, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            return List.of();
        }
        return tx.run("find memories starting with " + prefix, c -> query(c, "SELECT " + COLUMNS
                + " FROM memories WHERE namespace = ? AND id LIKE ? ORDER BY id LIMIT 5", namespace.value(),
                prefix + "%"));
    }

    @Override
    public List<MemoryEntry> list(Namespace namespace, Set<MemoryLayer> layers, boolean includeArchived, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM memories WHERE namespace = ?");
        List<Object> args = new ArrayList<>(List.of(namespace.value()));
        if (!layers.isEmpty()) {
            sql.append(" AND layer IN (").append("?, ".repeat(layers.size() - 1)).append("?)");
            layers.forEach(l -> args.add(l.name()));
        }
        if (!includeArchived) {
            sql.append(" AND status = ?");
            args.add(MemoryEntry.Status.ACTIVE.name());
        }
        sql.append(" ORDER BY updated_ms DESC, id LIMIT ").append(Math.max(0, Math.min(limit, 10_000)));
        return tx.run("list the memories of " + namespace, c -> query(c, sql.toString(), args.toArray()));
    }

    @Override
    public void markUsed(Namespace namespace, Collection<MemoryId> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        tx.run("count the use of " + ids.size() + " memories", c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE memories SET use_count = use_count + 1,"
                    + " last_used_ms = ? WHERE namespace = ? AND id = ?")) {
                for (MemoryId id : ids) {
                    s.setLong(1, at.toEpochMilli());
                    s.setString(2, namespace.value());
                    s.setString(3, id.value());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public MemoryStats stats(Namespace namespace) {
        return tx.run("count the memories of " + namespace, c -> {
            long facts = 0;
            long procedures = 0;
            long archives = 0;
            long forgotten = 0;
            long merged = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT layer, status, COUNT(*) FROM memories"
                    + " WHERE namespace = ? GROUP BY layer, status")) {
                s.setString(1, namespace.value());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        long n = rs.getLong(3);
                        if (rs.getString(2).equals(MemoryEntry.Status.MERGED.name())) {
                            merged += n;
                        } else if (!rs.getString(2).equals(MemoryEntry.Status.ACTIVE.name())) {
                            forgotten += n;
                        } else {
                            switch (MemoryLayer.valueOf(rs.getString(1))) {
                                case FACT -> facts += n;
                                case PROCEDURE -> procedures += n;
                                case ARCHIVE -> archives += n;
                            }
                        }
                    }
                }
            }
            return new MemoryStats(facts, procedures, archives, forgotten, merged);
        });
    }

    @Override
    public void forEach(Consumer<MemoryEntry> each) {
        String after = "";
        while (true) {
            String from = after;
            List<MemoryEntry> page = tx.run("read the memories for the index", c -> query(c, "SELECT " + COLUMNS
                    + " FROM memories WHERE id > ? ORDER BY id LIMIT " + PAGE, from));
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            after = page.getLast().id().value();
        }
    }

    @Override
    public Fingerprint fingerprint() {
        return tx.run("read the memory fingerprint", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT (SELECT COUNT(*) FROM memories),"
                    + " (SELECT seq FROM memory_writes WHERE id = 1)");
                 ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Fingerprint(rs.getLong(1), rs.getLong(2));
            }
        });
    }

    private static void bumpWrites(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE memory_writes SET seq = seq + 1 WHERE id = 1")) {
            s.executeUpdate();
        }
    }

    private static Optional<MemoryEntry> read(Connection c, Namespace namespace, MemoryId id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM memories WHERE namespace = ? AND id = ?", namespace.value(),
                id.value()).stream().findFirst();
    }

    private static List<MemoryEntry> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, (String) args[i]);
            }
            List<MemoryEntry> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long lastUsed = rs.getLong(10);
                    Optional<Instant> used = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastUsed));
                    out.add(new MemoryEntry(new MemoryId(rs.getString(1)), new Namespace(rs.getString(2)),
                            MemoryLayer.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
                            Instant.ofEpochMilli(rs.getLong(7)), Instant.ofEpochMilli(rs.getLong(8)), rs.getLong(9),
                            used, MemoryEntry.Status.valueOf(rs.getString(11)), rs.getString(12),
                            rs.getString(13).isEmpty() ? Optional.empty()
                                    : Optional.of(new MemoryId(rs.getString(13)))));
                }
            }
            return out;
        }
    }

    private static void setInstant(PreparedStatement s, int i, Optional<Instant> at) throws SQLException {
        if (at.isPresent()) {
            s.setLong(i, at.get().toEpochMilli());
        } else {
            s.setNull(i, Types.BIGINT);
        }
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
