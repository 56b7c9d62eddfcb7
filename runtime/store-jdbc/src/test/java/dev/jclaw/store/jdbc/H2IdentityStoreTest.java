package dev.jclaw.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.testkit.identity.IdentityStoreContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity contract against a real H2 file database, reopened from disk for a restart. */
class H2IdentityStoreTest extends IdentityStoreContract {
    @TempDir
    Path dir;

    @Override
    protected IdentityStore open() {
        return JdbcIdentity.h2(dir);
    }

    @Override
    protected IdentityStore reopen() {
        store.close();
        return open();
    }

    @Test
    void shares_the_data_directory_file_with_the_session_store_in_one_process() {
        store.users().add(user(ALICE, Tier.YOLO));
        try (JdbcSessionStore sessions = JdbcSessionStore.h2(dir)) {
            sessions.current(new SessionKey("cli:alice"));
            assertThat(store.users().list()).hasSize(1);
        }
        assertThat(store.users().get(ALICE)).isPresent();
    }
}
