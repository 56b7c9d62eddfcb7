/**
 * Stores over JDBC: H2 files as the embedded default. The only module that imports H2 and HikariCP.
 */
module dev.jclaw.store.jdbc {
    requires dev.jclaw.core;
    requires java.sql;
    requires com.zaxxer.hikari;
    requires com.h2database;

    exports dev.jclaw.store.jdbc;
}
