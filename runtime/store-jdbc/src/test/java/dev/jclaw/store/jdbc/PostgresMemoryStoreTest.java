package dev.jclaw.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.testkit.memory.MemoryStoreContract;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

    @Test
    void migrates_a_database_of_the_first_schema_and_keeps_its_entries() throws Exception {
        store.close();
        store = null;
        String old = "jclaw_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        PostgresSessionStoreTest.admin("CREATE SCHEMA " + old);
        try {
            String url = PostgresSessionStoreTest.SERVER + "?currentSchema=" + old;
            try (Database db = Database.open(url, PostgresSessionStoreTest.user, "")) {
                MemorySchemaUpgrade.writeFirstVersion(db);
            }
            try (Database db = Database.open(url, PostgresSessionStoreTest.user, "")) {
                MemorySchemaUpgrade.checkUpgraded(db);
            }
        } finally {
            PostgresSessionStoreTest.admin("DROP SCHEMA " + old + " CASCADE");
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema == null) {
            return;
        }
        if (store != null) {
            store.close();
        }
        store = null;
        PostgresSessionStoreTest.admin("DROP SCHEMA " + schema + " CASCADE");
    }
}
