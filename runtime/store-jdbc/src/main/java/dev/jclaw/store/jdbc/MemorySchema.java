package dev.jclaw.store.jdbc;

import java.util.List;

/**
 * The memory tables, version by version (released versions are never edited). {@code memory_writes} holds one row
 * whose sequence goes up with every insert and update, in the same transaction: the store's fingerprint, which
 * tells the search index whether it is in step. Version 2 links a merged near duplicate to the entry it was merged
 * into ({@code merged_into}, empty for every entry that is not merged).
 */
final class MemorySchema {
    static final String COMPONENT = "memory";

    static final List<List<String>> MIGRATIONS = List.of(List.of("""
            CREATE TABLE IF NOT EXISTS memories (
              id VARCHAR(24) PRIMARY KEY,
              namespace VARCHAR(240) NOT NULL,
              layer VARCHAR(16) NOT NULL,
              type VARCHAR(40) NOT NULL,
              content TEXT NOT NULL,
              source_session VARCHAR(240) NOT NULL,
              created_ms BIGINT NOT NULL,
              updated_ms BIGINT NOT NULL,
              use_count BIGINT NOT NULL,
              last_used_ms BIGINT,
              status VARCHAR(16) NOT NULL,
              archive_reason TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS memories_by_namespace ON memories (namespace, layer, status, updated_ms)",
            "CREATE TABLE IF NOT EXISTS memory_writes (id INT PRIMARY KEY, seq BIGINT NOT NULL)",
            "INSERT INTO memory_writes (id, seq) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM memory_writes WHERE id = 1)"
            ),
            List.of("ALTER TABLE memories ADD COLUMN IF NOT EXISTS merged_into VARCHAR(24) DEFAULT '' NOT NULL",
                    "CREATE INDEX IF NOT EXISTS memories_by_survivor ON memories (namespace, merged_into)"));

    private MemorySchema() {
    }
}
