package dev.jclaw.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.testkit.memory.MemoryStoreContract;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory contract against a real H2 file database, reopened from disk for a restart. */
class H2MemoryStoreTest extends MemoryStoreContract {
    @TempDir
    Path dir;

    @Override
    protected MemoryStore open() throws Exception {
        return new JdbcMemoryStore(Database.h2(dir), true);
    }

    @Override
    protected MemoryStore reopen() throws Exception {
        store.close();
        return open();
    }

    @Test
    void migrates_a_database_of_the_first_schema_and_keeps_its_entries(@TempDir Path old) throws Exception {
        String id = "0123456789abcdef01234567";
        try (Database db = Database.h2(old)) {
            db.migrate(MemorySchema.COMPONENT, MemorySchema.MIGRATIONS.subList(0, 1));
            try (Connection c = db.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO memories (id, namespace, layer, type, content, source_session, created_ms,"
                        + " updated_ms, use_count, last_used_ms, status, archive_reason) VALUES ('" + id
                        + "', 'cli:alice', 'FACT', 'note', 'written by an older JClaw', '', 1, 1, 0, NULL, 'ACTIVE',"
                        + " '')");
            }
        }
        try (Database db = Database.h2(old); MemoryStore migrated = new JdbcMemoryStore(db, false)) {
            assertThat(db.version(MemorySchema.COMPONENT)).isEqualTo(MemorySchema.MIGRATIONS.size());
            MemoryEntry e = migrated.get(new Namespace("cli:alice"), new MemoryId(id)).orElseThrow();
            assertThat(e.content()).isEqualTo("written by an older JClaw");
            assertThat(e.mergedInto()).isEmpty();
            MemoryEntry absorbed = MemoryEntry.create(e.namespace(), e.layer(), "note", "also by an older JClaw", "",
                    Instant.EPOCH).mergeInto(e.id(), Instant.EPOCH);
            migrated.merge(e, absorbed);
            assertThat(migrated.mergedInto(e.namespace(), e.id())).containsExactly(absorbed);
            assertThat(migrated.list(e.namespace(), Set.of(), false, 10)).containsExactly(e);
        }
    }
}
