package dev.jclaw.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.testkit.memory.MemoryStoreContract;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The memory contract against PostgreSQL at 127.0.0.1:5432, each test in a schema of its own; skips with the reason
 * when PostgreSQL is not there, and fails instead when {@code JCLAW_REQUIRE_SERVICES=true}.
 */
class PostgresMemoryStoreTest extends MemoryStoreContract {
    String schema;

    @BeforeAll
    static void findPostgres() {
        PostgresSessionStoreTest.findPostgres();
    }

    @Override
    protected MemoryStore open() throws Exception {
        assumeTrue(PostgresSessionStoreTest.user != null, () -> PostgresSessionStoreTest.unreachable
                + "; start PostgreSQL to run these tests");
        if (schema == null) {
            schema = "jclaw_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            PostgresSessionStoreTest.admin("CREATE SCHEMA " + schema);
        }
        return new JdbcMemoryStore(Database.open(PostgresSessionStoreTest.SERVER + "?currentSchema=" + schema,
                PostgresSessionStoreTest.user, ""), true);
    }

    @Override
    protected MemoryStore reopen() throws Exception {
        store.close();
        return open();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema == null) {
            return;
        }
        store.close();
        store = null;
        PostgresSessionStoreTest.admin("DROP SCHEMA " + schema + " CASCADE");
    }
}
