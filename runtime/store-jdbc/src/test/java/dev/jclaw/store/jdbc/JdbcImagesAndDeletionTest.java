package dev.jclaw.store.jdbc;

import static dev.jclaw.store.jdbc.JdbcSessionStoreTest.ALICE;
import static dev.jclaw.store.jdbc.JdbcSessionStoreTest.count;
import static dev.jclaw.store.jdbc.JdbcSessionStoreTest.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionStoreException;
import dev.jclaw.testkit.model.TestImages;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the H2 store does with images and deletions beyond the contract: where the bytes go, upgrades, failures. */
class JdbcImagesAndDeletionTest {
    @TempDir
    Path dir;

    static String body(Database db, String entry) throws Exception {
        try (Connection c = db.connection();
             PreparedStatement s = c.prepareStatement("SELECT body FROM entries WHERE id = ?")) {
            s.setString(1, entry);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void keeps_image_bytes_in_their_own_table_and_only_a_count_in_the_entry() throws Exception {
        ImageInput photo = TestImages.sized("image/png", 1_000_000, 9);
        try (Database db = Database.h2(dir); JdbcSessionStore store = new JdbcSessionStore(db, false)) {
            SessionId id = store.current(ALICE).id();
            Entry entry = store.append(id, new Entry.User("look", List.of(photo,
                    ImageInput.url("https://example.com/a.png"))));
            assertThat(body(db, entry.id().value())).isEqualTo("{\"text\":\"look\",\"images\":2}");
            try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement("SELECT image_no,"
                    + " media_type, url, OCTET_LENGTH(data) FROM entry_images ORDER BY image_no");
                 ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("image/png");
                assertThat(rs.getString(3)).isEmpty();
                assertThat(rs.getLong(4)).isEqualTo(1_000_000);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(3)).isEqualTo("https://example.com/a.png");
                assertThat(rs.getObject(4)).isNull();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void upgrades_a_database_of_version_two_and_keeps_its_conversations() throws Exception {
        try (Database db = Database.h2(dir)) {
            db.migrate("sessions", SessionSchema.migrations(true).subList(0, 2));
            sql(db, "INSERT INTO sessions (id, session_key, created_ms, leaf, title, model) VALUES"
                    + " ('00112233445566778899aabb', 'cli:alice', 1000, '0f8fad5b-d9cb-469f-a165-70867728950e', 'old',"
                    + " '')", "INSERT INTO current_sessions VALUES ('cli:alice', '00112233445566778899aabb')",
                    "INSERT INTO entries VALUES ('0f8fad5b-d9cb-469f-a165-70867728950e', '00112233445566778899aabb',"
                    + " '', 2000, 'user', '{\"text\":\"from version two\"}')");
            try (JdbcSessionStore store = new JdbcSessionStore(db, false)) {
                SessionHeader header = store.current(ALICE);
                assertThat(header.title()).contains("old");
                store.append(header.id(), new Entry.User("now with a picture", List.of(TestImages.pixel())));
                assertThat(store.path(header.id())).extracting(Entry::body).containsExactly(
                        new Entry.User("from version two"),
                        new Entry.User("now with a picture", List.of(TestImages.pixel())));
            }
            assertThat(db.version("sessions")).isEqualTo(3);
        }
    }

    @Test
    void leaves_no_row_of_a_deleted_conversation_behind() throws Exception {
        try (Database db = Database.h2(dir); JdbcSessionStore store = new JdbcSessionStore(db, false)) {
            SessionId gone = store.current(ALICE).id();
            store.append(gone, new Entry.User("a", List.of(TestImages.pixel(), TestImages.pixel())));
            store.append(gone, new Entry.Assistant("b", "", List.of(), false));
            SessionId kept = store.rotate(ALICE).id();
            store.append(kept, new Entry.User("c", List.of(TestImages.pixel())));
            store.resume(ALICE, gone);

            assertThat(store.delete(gone)).isTrue();
            assertThat(count(db, "sessions")).isEqualTo(1);
            assertThat(count(db, "entries")).isEqualTo(1);
            assertThat(count(db, "entry_images")).isEqualTo(1);
            assertThat(count(db, "current_sessions")).isZero();
            assertThat(store.current(ALICE).id()).isNotIn(gone, kept);
        }
    }

    @Test
    void leaves_a_conversation_whole_when_its_deletion_fails() throws Exception {
        try (Database db = Database.h2(dir); JdbcSessionStore store = new JdbcSessionStore(db, false)) {
            SessionId id = store.current(ALICE).id();
            Entry entry = store.append(id, new Entry.User("keep me", List.of(TestImages.pixel())));
            // a row elsewhere that refers to the conversation makes the last statement of the deletion fail
            sql(db, "CREATE TABLE pins (session_id VARCHAR(24) REFERENCES sessions (id))",
                    "INSERT INTO pins VALUES ('" + id.value() + "')");

            assertThatThrownBy(() -> store.delete(id)).isInstanceOf(SessionStoreException.class)
                    .hasMessageStartingWith("the session database failed to delete session " + id);
            assertThat(store.path(id)).containsExactly(entry);
            assertThat(store.current(ALICE).id()).isEqualTo(id);
            assertThat(count(db, "entry_images")).isEqualTo(1);

            sql(db, "DROP TABLE pins");
            assertThat(store.delete(id)).isTrue();
        }
    }

    @Test
    void names_a_conversation_whose_images_went_missing() throws Exception {
        try (Database db = Database.h2(dir); JdbcSessionStore store = new JdbcSessionStore(db, false)) {
            SessionId id = store.current(ALICE).id();
            Entry entry = store.append(id, new Entry.User("x", List.of(TestImages.pixel())));
            sql(db, "DELETE FROM entry_images");
            assertThatThrownBy(() -> store.path(id)).isInstanceOf(SessionStoreException.class)
                    .hasMessageContaining("session " + id + " is damaged: the images of entry " + entry.id()
                            + " are missing");
        }
    }

    @Test
    void escapes_like_wildcards_and_its_escape_character() {
        assertThat(SessionRows.likePrefix("web:a%b_c!d\\e'f")).isEqualTo("web:a!%b!_c!!d\\e'f%");
        assertThat(SessionRows.likePrefix("")).isEqualTo("%");
    }
}
