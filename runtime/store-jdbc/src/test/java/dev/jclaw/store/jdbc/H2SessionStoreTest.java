package dev.jclaw.store.jdbc;

import dev.jclaw.core.session.SessionStore;
import dev.jclaw.testkit.session.SessionStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real H2 file database, reopened from disk to simulate a restart. */
class H2SessionStoreTest extends SessionStoreContract {
    @TempDir
    Path dir;

    @Override
    protected SessionStore open() throws Exception {
        return new JdbcSessionStore(Database.h2(dir), true);
    }

    @Override
    protected SessionStore reopen() throws Exception {
        store.close();
        return open();
    }
}
