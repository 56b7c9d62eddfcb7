package dev.jclaw.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.jclaw.core.storage.OwnerOnly;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * A pooled JDBC database (HikariCP) with a tiny versioned migration table, {@code jclaw_schema}, that records each
 * component's schema version. H2 in a file is the embedded default; the SQL of every store here is kept to what H2
 * and PostgreSQL both speak.
 *
 * <pre>{@code
 * try (Database db = Database.h2(dataDir)) {
 *     db.migrate("sessions", SessionSchema.migrations(db.isH2()));
 *     try (Connection c = db.connection()) { ... }
 * }
 * }</pre>
 */
public final class Database implements AutoCloseable {
    private static final String NAME = "jclaw";
    private final HikariDataSource pool;
    private final String url;

    private Database(HikariDataSource pool, String url) {
        this.pool = pool;
        this.url = url;
    }

    /**
     * Opens (creating if need be) the embedded H2 database {@code <dir>/jclaw.mv.db}. Only one process at a time can
     * hold it. The directory is made {@code 0700} and the database files {@code 0600}.
     *
     * @param dir the data directory
     * @return the database
     * @throws SQLException when it cannot be opened, e.g. because another process holds it
     */
    public static Database h2(Path dir) throws SQLException {
        try {
            OwnerOnly.directory(dir);
        } catch (IOException e) {
            throw new SQLException("cannot create the directory " + dir + " owner-only: " + e.getMessage(), e);
        }
        // WRITE_DELAY=0: each commit reaches the file before it returns, so a kill -9 loses no committed entry.
        // DB_CLOSE_ON_EXIT=FALSE: the owner closes it, so that writes made while the JVM shuts down still land.
        // QUERY_CACHE_SIZE=64: each pooled connection keeps every statement the stores use parsed (8 by default:
        // fewer than one turn uses, so each prepareStatement parsed its SQL again).
        Database db = open("jdbc:h2:file:" + dir.toAbsolutePath().resolve(NAME)
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64", "sa", "");
        try {
            // H2 creates its files with the process's umask: restrict them (and those of older versions) now
            OwnerOnly.files(dir, file -> file.startsWith(NAME + "."));
        } catch (IOException e) {
            db.close();
            throw new SQLException("cannot make the database files in " + dir + " owner-only: " + e.getMessage(), e);
        }
        return db;
    }

    /**
     * Opens a database at a JDBC URL, e.g. {@code jdbc:postgresql://db:5432/jclaw}.
     *
     * @param url the URL
     * @param user the user
     * @param password the password, empty for none
     * @return the database
     * @throws SQLException when it cannot be reached
     */
    public static Database open(String url, String user, String password) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(8);
        config.setPoolName("jclaw-db");
        config.setInitializationFailTimeout(10_000);
        try {
            return new Database(new HikariDataSource(config), url);
        } catch (RuntimeException e) {
            throw new SQLException(e.getMessage(), e);
        }
    }

    /** @return whether this is an H2 database (otherwise PostgreSQL), for the few types the two spell apart */
    boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /**
     * Borrows a connection.
     *
     * @return a connection; close it to return it
     * @throws SQLException when none can be had
     */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    /**
     * Brings a component's tables up to date: runs the steps after the version recorded for it, each version in
     * its own transaction (on H2, DDL commits by itself, so every statement must be safe to run twice: use
     * {@code IF NOT EXISTS}). Retried a few times when another process migrates at the same moment.
     *
     * @param component the component, e.g. {@code sessions}
     * @param versions the statements of version 1, 2, ... in order; never edit a released version, add one
     * @return the version before the migration
     * @throws SQLException when a step fails, or the database is newer than the steps (a downgrade)
     */
    public int migrate(String component, List<List<String>> versions) throws SQLException {
        Objects.requireNonNull(component, "component");
        SQLException failure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return migrateOnce(component, versions);
            } catch (SQLException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
                if (e instanceof NewerSchemaException) {
                    break;
                }
            }
        }
        throw failure;
    }

    private int migrateOnce(String component, List<List<String>> versions) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            ensureSchemaTable(s);
            int version = version(c, component);
            if (version > versions.size()) {
                throw new NewerSchemaException("the " + component + " tables in " + url + " are at schema version "
                        + version + ", newer than this JClaw knows (" + versions.size() + "); run a newer JClaw or"
                        + " use another data directory");
            }
            c.setAutoCommit(false);
            try (PreparedStatement record = c.prepareStatement(
                    "INSERT INTO jclaw_schema (component, version) VALUES (?, ?)")) {
                for (int v = version; v < versions.size(); v++) {
                    for (String sql : versions.get(v)) {
                        s.execute(sql);
                    }
                    record.setString(1, component);
                    record.setInt(2, v + 1);
                    record.executeUpdate();
                    c.commit();
                }
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return version;
        }
    }

    /**
     * Reads a component's schema version.
     *
     * @param component the component
     * @return the version, 0 when it has no tables yet
     * @throws SQLException when the database cannot be read or the migration table cannot be created
     */
    public int version(String component) throws SQLException {
        try (Connection c = connection(); Statement s = c.createStatement()) {
            ensureSchemaTable(s);
            return version(c, component);
        }
    }

    private static void ensureSchemaTable(Statement s) throws SQLException {
        s.execute("CREATE TABLE IF NOT EXISTS jclaw_schema (version INT NOT NULL)");
        // the first release recorded the session schema only, without a component column
        s.execute("ALTER TABLE jclaw_schema ADD COLUMN IF NOT EXISTS component VARCHAR(64) DEFAULT 'sessions' NOT NULL");
    }

    private static int version(Connection c, String component) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM jclaw_schema WHERE component = ?")) {
            q.setString(1, component);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Returns the pool's connections and closes the pool. */
    @Override
    public void close() {
        pool.close();
    }

    /** The database holds a newer schema than this code knows: retrying will not help. */
    private static final class NewerSchemaException extends SQLException {
        private static final long serialVersionUID = 1L;

        NewerSchemaException(String message) {
            super(message);
        }
    }
}
