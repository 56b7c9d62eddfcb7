package dev.jclaw.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryId;
import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.core.memory.Namespace;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Set;

/** A database whose memory tables an older JClaw made (schema version 1) is brought up to date and keeps its rows. */
final class MemorySchemaUpgrade {
    private static final String ID = "0123456789abcdef01234567";

    private MemorySchemaUpgrade() {
    }

    /** Makes the first version of the memory tables, with one entry, as the first release left them. */
    static void writeFirstVersion(Database db) throws SQLException {
        db.migrate(MemorySchema.COMPONENT, MemorySchema.MIGRATIONS.subList(0, 1));
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO memories (id, namespace, layer, type, content, source_session, created_ms,"
                    + " updated_ms, use_count, last_used_ms, status, archive_reason) VALUES ('" + ID
                    + "', 'cli:alice', 'FACT', 'note', 'written by an older JClaw', '', 1, 1, 0, NULL, 'ACTIVE', '')");
        }
    }

    /** Opens the store over the old tables, then checks the entry is whole and can be merged into and split. */
    static void checkUpgraded(Database db) throws SQLException {
        try (MemoryStore store = new JdbcMemoryStore(db, false)) {
            assertThat(db.version(MemorySchema.COMPONENT)).isEqualTo(MemorySchema.MIGRATIONS.size());
            MemoryEntry e = store.get(new Namespace("cli:alice"), new MemoryId(ID)).orElseThrow();
            assertThat(e.content()).isEqualTo("written by an older JClaw");
            assertThat(e.mergedInto()).isEmpty();
            MemoryEntry absorbed = MemoryEntry.create(e.namespace(), e.layer(), "note", "also by an older JClaw", "",
                    Instant.EPOCH).mergeInto(e.id(), Instant.EPOCH);
            store.merge(e, absorbed);
            assertThat(store.mergedInto(e.namespace(), e.id())).containsExactly(absorbed);
            assertThat(store.list(e.namespace(), Set.of(), false, 10)).containsExactly(e);
            store.update(absorbed.split(Instant.EPOCH));
            assertThat(store.list(e.namespace(), Set.of(), false, 10)).hasSize(2);
        }
    }
}
