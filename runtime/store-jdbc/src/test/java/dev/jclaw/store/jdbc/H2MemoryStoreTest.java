package dev.jclaw.store.jdbc;

import dev.jclaw.core.memory.MemoryStore;
import dev.jclaw.testkit.memory.MemoryStoreContract;
import java.nio.file.Path;
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
        try (Database db = Database.h2(old)) {
            MemorySchemaUpgrade.writeFirstVersion(db);
        }
        try (Database db = Database.h2(old)) {
            MemorySchemaUpgrade.checkUpgraded(db);
        }
    }
}
