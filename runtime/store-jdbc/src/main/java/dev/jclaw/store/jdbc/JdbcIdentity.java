package dev.jclaw.store.jdbc;

import dev.jclaw.core.identity.AuditLog;
import dev.jclaw.core.identity.CredentialStore;
import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.core.identity.IdentityStoreException;
import dev.jclaw.core.identity.UserStore;
import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Users, credentials and the audit log in a JDBC database: the H2 file of the data directory (the same file as the
 * sessions) or PostgreSQL. Each operation is one transaction on an I/O thread of its own ({@link Transactions});
 * every value is bound, never spliced into SQL.
 *
 * <pre>{@code
 * try (JdbcIdentity identity = JdbcIdentity.h2(config.dataDir())) {
 *     identity.users().list();
 * }
 * }</pre>
 */
public final class JdbcIdentity implements IdentityStore {
    private final Database db;
    private final boolean ownsDatabase;
    private final Transactions tx;
    private final JdbcUserStore users;
    private final JdbcCredentialStore credentials;
    private final JdbcAuditLog audit;

    /**
     * Opens the stores over a database, creating or migrating their tables.
     *
     * @param db the database
     * @param ownsDatabase whether {@link #close()} closes the database too
     * @throws IdentityStoreException when the tables cannot be created or are newer than this JClaw
     */
    public JdbcIdentity(Database db, boolean ownsDatabase) {
        this.db = db;
        this.ownsDatabase = ownsDatabase;
        this.tx = new Transactions(db, "the user database", "the user store", IdentityStoreException::new);
        try {
            db.migrate(IdentitySchema.COMPONENT, IdentitySchema.MIGRATIONS);
        } catch (SQLException e) {
            close();
            throw new IdentityStoreException("cannot prepare the user tables: " + Transactions.firstLine(e), e);
        }
        this.users = new JdbcUserStore(tx);
        this.credentials = new JdbcCredentialStore(tx);
        this.audit = new JdbcAuditLog(tx);
    }

    /**
     * Opens the embedded default: the H2 file database in the data directory, owned by the stores.
     *
     * @param dataDir the data directory
     * @return the stores
     * @throws IdentityStoreException with one sentence when the database cannot be opened, e.g. because another
     *                                process holds it
     */
    public static JdbcIdentity h2(Path dataDir) {
        Database db;
        try {
            db = Database.h2(dataDir);
        } catch (SQLException e) {
            String why = Transactions.firstLine(e);
            throw new IdentityStoreException(inUse(e)
                    ? "the user database in " + dataDir + " is in use by another JClaw process (a running 'jclaw"
                            + " serve' holds it); stop it, or use another JCLAW_HOME"
                    : "cannot open the user database in " + dataDir + ": " + why, e);
        }
        return new JdbcIdentity(db, true);
    }

    /**
     * Tells whether opening a database failed because another process holds its file.
     *
     * @param e the failure
     * @return whether the H2 file is locked by another process
     */
    public static boolean inUse(SQLException e) {
        String why = Transactions.firstLine(e);
        return why.contains("already in use") || why.contains("locked");
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public AuditLog audit() {
        return audit;
    }

    @Override
    public void close() {
        tx.close();
        if (ownsDatabase) {
            db.close();
        }
    }
}
