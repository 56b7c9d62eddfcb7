package dev.jclaw.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionStoreException;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.testkit.session.SessionStoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store the server opens on first use passes the contract over H2, and opens only when used. */
class LazySessionStoreTest extends SessionStoreContract {
    @TempDir
    Path dir;

    @Override
    protected SessionStore open() {
        return new LazySessionStore(() -> JdbcSessionStore.h2(dir));
    }

    @Override
    protected SessionStore reopen() {
        store.close();
        return open();
    }

    @Nested
    class Opening {
        final AtomicInteger opened = new AtomicInteger();

        @Test
        void happens_on_first_use_and_once() {
            LazySessionStore lazy = new LazySessionStore(() -> {
                opened.incrementAndGet();
                return new InMemorySessionStore();
            });
            assertThat(lazy.isOpen()).isFalse();
            lazy.current(new SessionKey("cli:alice"));
            lazy.list(new SessionKey("cli:alice"));
            assertThat(opened).hasValue(1);
            assertThat(lazy.isOpen()).isTrue();
        }

        @Test
        void is_tried_again_after_a_failure_and_refused_after_close() {
            LazySessionStore lazy = new LazySessionStore(() -> {
                if (opened.incrementAndGet() == 1) {
                    throw new SessionStoreException("the session database is in use by another JClaw process");
                }
                return new InMemorySessionStore();
            });
            SessionKey key = new SessionKey("cli:alice");
            assertThatThrownBy(() -> lazy.current(key)).isInstanceOf(SessionStoreException.class)
                    .hasMessageContaining("in use");
            assertThat(lazy.current(key).key()).isEqualTo(key);
            lazy.close();
            assertThatThrownBy(() -> lazy.current(key)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
        }
    }
}
