package dev.jclaw.store.jdbc;

import dev.jclaw.core.session.SessionStore;
import dev.jclaw.testkit.session.SessionStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract against a real H2 file database: reopened from disk for a restart, and shut down without any
 * cleanup for a crash ({@code SHUTDOWN IMMEDIATELY}, H2's power-failure switch).
 */
class H2SessionStoreTest extends SessionStoreContract {
    @TempDir
    Path dir;
    Database database;

    @Override
    protected SessionStore open() throws Exception {
        database = Database.h2(dir);
        return new JdbcSessionStore(database, true);
    }

    @Override
    protected SessionStore reopen() throws Exception {
        store.close();
        return open();
    }

    @Override
    protected SessionStore crash() throws Exception {
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException expected) {
            // the connection dies with the database
        }
        store.close(); // only lets go of the pool's dead connections
        return open();
    }
}
