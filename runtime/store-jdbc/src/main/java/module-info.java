/**
 * Stores over JDBC: H2 files as the embedded default, PostgreSQL for several workers. The only module that imports
 * H2 and HikariCP.
 */
module dev.jclaw.store.jdbc {
    requires transitive dev.jclaw.core;
    requires transitive java.sql;
    requires com.zaxxer.hikari;
    requires com.h2database;

    exports dev.jclaw.store.jdbc;
}
