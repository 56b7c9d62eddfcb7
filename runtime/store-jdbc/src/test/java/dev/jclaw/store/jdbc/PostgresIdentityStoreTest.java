package dev.jclaw.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.testkit.identity.IdentityStoreContract;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The identity contract against PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust authentication), each
 * test in a schema of its own, dropped afterwards. Skips with the reason when PostgreSQL is not there; fails instead
 * when {@code JCLAW_REQUIRE_SERVICES=true}.
 */
class PostgresIdentityStoreTest extends IdentityStoreContract {
    String schema;

    @BeforeAll
    static void findPostgres() {
        PostgresSessionStoreTest.findPostgres();
    }

    @Override
    protected IdentityStore open() throws Exception {
        assumeTrue(PostgresSessionStoreTest.user != null, () -> PostgresSessionStoreTest.unreachable
                + "; start PostgreSQL to run these tests");
        if (schema == null) {
            schema = "jclaw_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            PostgresSessionStoreTest.admin("CREATE SCHEMA " + schema);
        }
        return new JdbcIdentity(Database.open(PostgresSessionStoreTest.SERVER + "?currentSchema=" + schema,
                PostgresSessionStoreTest.user, ""), true);
    }

    @Override
    protected IdentityStore reopen() throws Exception {
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
