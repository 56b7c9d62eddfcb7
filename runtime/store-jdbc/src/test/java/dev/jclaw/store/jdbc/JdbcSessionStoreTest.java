package dev.jclaw.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the H2 store does beyond the contract: schema versions, failed writes, data it did not write itself. */
class JdbcSessionStoreTest {
    static final SessionKey ALICE = new SessionKey("cli:alice");

    @TempDir
    Path dir;

    static void sql(Database db, String... statements) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    static long count(Database db, String table) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Nested
    class Migrations {
        @Test
        void create_the_tables_once_and_record_their_version() throws Exception {
            try (Database db = Database.h2(dir)) {
                new JdbcSessionStore(db, false).close();
                new JdbcSessionStore(db, false).close();
                assertThat(db.version("sessions")).isEqualTo(SessionSchema.migrations(true).size());
                assertThat(count(db, "jclaw_schema")).isEqualTo(SessionSchema.migrations(true).size());
            }
        }

        @Test
        void bring_a_database_of_the_first_release_up_to_date_and_keep_its_conversations() throws Exception {
            try (Database db = Database.h2(dir)) {
                // the first release: version 1 only, and a migration table without components
                sql(db, "CREATE TABLE jclaw_schema (version INT NOT NULL)", "INSERT INTO jclaw_schema VALUES (1)");
                sql(db, SessionSchema.migrations(true).getFirst().toArray(String[]::new));
                sql(db, "INSERT INTO sessions (id, session_key, created_ms, leaf) VALUES ('00112233445566778899aabb',"
                        + " 'cli:alice', 1000, '0f8fad5b-d9cb-469f-a165-70867728950e')",
                        "INSERT INTO current_sessions VALUES ('cli:alice', '00112233445566778899aabb')",
                        "INSERT INTO entries VALUES ('0f8fad5b-d9cb-469f-a165-70867728950e', '00112233445566778899aabb',"
                        + " '', 2000, 'user', '{\"text\":\"from the first release\"}')");
                try (JdbcSessionStore store = new JdbcSessionStore(db, false)) {
                    SessionHeader header = store.current(ALICE);
                    assertThat(header.id()).isEqualTo(new SessionId("00112233445566778899aabb"));
                    assertThat(header.title()).isEmpty();
                    assertThat(store.path(header.id())).extracting(Entry::body)
                            .containsExactly(new Entry.User("from the first release"));
                    assertThat(store.append(header.id(), new Entry.User("next")).parent()).isPresent();
                }
                assertThat(db.version("sessions")).isEqualTo(SessionSchema.migrations(true).size());
            }
        }

        @Test
        void finish_a_version_that_a_crash_left_half_done() throws Exception {
            try (Database db = Database.h2(dir)) {
                db.migrate("sessions", SessionSchema.migrations(true).subList(0, 1));
                sql(db, SessionSchema.migrations(true).get(1).getFirst()); // H2 committed this DDL by itself
                try (JdbcSessionStore store = new JdbcSessionStore(db, false)) {
                    assertThat(store.setModel(store.current(ALICE).id(), "m").model()).contains("m");
                }
            }
        }

        @Test
        void refuse_a_database_written_by_a_newer_jclaw() throws Exception {
            try (Database db = Database.h2(dir)) {
                new JdbcSessionStore(db, false).close();
                sql(db, "INSERT INTO jclaw_schema (component, version) VALUES ('sessions', 99)");
                assertThatThrownBy(() -> new JdbcSessionStore(db, false)).isInstanceOf(SessionStoreException.class)
                        .hasMessageContaining("schema version 99, newer than this JClaw knows (3)")
                        .hasMessageContaining("run a newer JClaw");
            }
        }

        @Test
        void keep_components_apart() throws Exception {
            try (Database db = Database.h2(dir)) {
                db.migrate("memory", List.of(List.of("CREATE TABLE IF NOT EXISTS facts (id INT PRIMARY KEY)")));
                new JdbcSessionStore(db, false).close();
                assertThat(db.version("memory")).isEqualTo(1);
                assertThat(db.version("sessions")).isEqualTo(SessionSchema.migrations(true).size());
            }
        }
    }

    @Nested
    class Failures {
        @Test
        void leave_no_entry_behind_when_the_leaf_cannot_move() throws Exception {
            try (Database db = Database.h2(dir); JdbcSessionStore store = new JdbcSessionStore(db, false)) {
                SessionId id = store.current(ALICE).id();
                store.append(id, new Entry.User("kept"));
                sql(db, "ALTER TABLE sessions ADD CONSTRAINT no_leaf_moves CHECK (LENGTH(leaf) < 5 OR leaf = '"
                        + store.header(id).orElseThrow().leaf().orElseThrow() + "')");
                assertThatThrownBy(() -> store.append(id, new Entry.User("lost")))
                        .isInstanceOf(SessionStoreException.class)
                        .hasMessageStartingWith("the session database failed to write an entry of session " + id);
                assertThat(count(db, "entries")).isEqualTo(1);
                sql(db, "ALTER TABLE sessions DROP CONSTRAINT no_leaf_moves");
                assertThat(store.path(id)).extracting(Entry::body).containsExactly(new Entry.User("kept"));
            }
        }

        @Test
        void name_a_damaged_conversation_instead_of_failing_obscurely() throws Exception {
            try (Database db = Database.h2(dir); JdbcSessionStore store = new JdbcSessionStore(db, false)) {
                SessionId id = store.current(ALICE).id();
                Entry first = store.append(id, new Entry.User("one"));
                store.append(id, new Entry.User("two"));
                sql(db, "DELETE FROM entries WHERE id = '" + first.id() + "'");
                assertThatThrownBy(() -> store.path(id)).isInstanceOf(SessionStoreException.class)
                        .hasMessageContaining("session " + id + " is damaged: entry " + first.id() + " is missing");
            }
        }

        @Test
        void say_so_when_closed() {
            JdbcSessionStore store = JdbcSessionStore.h2(dir);
            store.close();
            assertThatThrownBy(() -> store.current(ALICE)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the session store is closed");
        }
    }

    @Test
    void reads_an_entry_of_a_kind_it_does_not_know_as_a_note() throws Exception {
        try (Database db = Database.h2(dir); JdbcSessionStore store = new JdbcSessionStore(db, false)) {
            SessionId id = store.current(ALICE).id();
            Entry entry = store.append(id, new Entry.User("a picture follows"));
            sql(db, "UPDATE entries SET kind = 'image', body = '{\"png\":\"...\"}' WHERE id = '" + entry.id() + "'");
            assertThat(store.path(id)).extracting(Entry::body)
                    .containsExactly(new Entry.Note("[an entry of kind 'image', written by a newer JClaw]"));
        }
    }
}
