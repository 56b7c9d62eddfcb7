package dev.jclaw.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.core.session.SessionStore;
import dev.jclaw.testkit.session.SessionStoreContract;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust authentication), each test in a
 * schema of its own that is dropped afterwards. Skips with the reason when PostgreSQL is not there, and fails
 * instead when {@code JCLAW_REQUIRE_SERVICES=true} (CI sets it).
 */
class PostgresSessionStoreTest extends SessionStoreContract {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static String user;
    String schema;

    static String unreachable = "";

    @BeforeAll
    static void findPostgres() {
        SQLException last = null;
        for (String candidate : new String[] {"postgres", "root", System.getProperty("user.name")}) {
            try (Connection c = DriverManager.getConnection(SERVER + "?connectTimeout=3", candidate, "")) {
                if (c.isValid(3)) {
                    user = candidate;
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
        }
        unreachable = "PostgreSQL is not reachable at " + SERVER + " as postgres or root with trust authentication ("
                + (last == null ? "no attempt" : last.getMessage()) + ")";
        if ("true".equals(System.getenv("JCLAW_REQUIRE_SERVICES"))) {
            throw new AssertionError(unreachable + ", and JCLAW_REQUIRE_SERVICES=true requires it", last);
        }
        System.getLogger(PostgresSessionStoreTest.class.getName()).log(System.Logger.Level.WARNING,
                "skipping the PostgreSQL session store tests: " + unreachable);
    }

    @Override
    protected SessionStore open() throws Exception {
        assumeTrue(user != null, () -> unreachable + "; start PostgreSQL to run these tests");
        if (schema == null) {
            schema = "jclaw_test_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
            admin("CREATE SCHEMA " + schema);
        }
        return new JdbcSessionStore(Database.open(SERVER + "?currentSchema=" + schema, user, ""), true);
    }

    @Override
    protected SessionStore reopen() throws Exception {
        store.close();
        return open();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        if (schema == null) {
            return;
        }
        store.close();
        admin("DROP SCHEMA " + schema + " CASCADE");
    }

    static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, user, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
