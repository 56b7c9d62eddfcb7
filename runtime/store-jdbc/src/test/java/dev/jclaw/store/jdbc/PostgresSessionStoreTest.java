package dev.jclaw.store.jdbc;

import org.junit.jupiter.api.Assumptions;

import dev.jclaw.core.session.SessionStore;
import dev.jclaw.testkit.session.SessionStoreContract;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract against PostgreSQL at 127.0.0.1:5432 (database {@code test}). Skips with the reason when PostgreSQL
 * is not there, and fails instead when {@code JCLAW_REQUIRE_SERVICES=true} (CI sets it).
 */
class PostgresSessionStoreTest extends SessionStoreContract {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static String user;

    @BeforeAll
    static void findPostgres() {
        for (String candidate : new String[] {"postgres", "root", System.getProperty("user.name")}) {
            try (Connection c = java.sql.DriverManager.getConnection(URL, candidate, "")) {
                user = candidate;
                return;
            } catch (Exception e) {
                // try the next role
            }
        }
        boolean required = "true".equals(System.getenv("JCLAW_REQUIRE_SERVICES"));
        if (required) {
            throw new AssertionError("PostgreSQL is required (JCLAW_REQUIRE_SERVICES=true) but " + URL
                    + " does not accept connections");
        }
        Assumptions.abort("PostgreSQL not reachable at " + URL + "; set up PostgreSQL to run these tests");
    }

    @Override
    protected SessionStore open() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(URL, user, "");
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS entries, current_sessions, sessions, jclaw_schema");
        }
        return new JdbcSessionStore(Database.open(URL, user, ""), true);
    }

    @Override
    protected SessionStore reopen() throws Exception {
        store.close();
        return new JdbcSessionStore(Database.open(URL, user, ""), true);
    }
}
