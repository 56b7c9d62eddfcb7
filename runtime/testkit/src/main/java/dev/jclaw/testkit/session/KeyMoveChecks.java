package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Moving a key's conversations to another key: the part of {@link SessionStoreContract} an address rename uses. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class KeyMoveChecks {
    private static final SessionKey OLD = new SessionKey("cli:alice");
    private static final SessionKey NEW = new SessionKey("user:admin/cli/alice");
    private final SessionStoreContract contract;

    KeyMoveChecks(SessionStoreContract contract) {
        this.contract = contract;
    }

    @Test
    void moves_every_conversation_with_its_entries_and_keeps_the_current_one_current() {
        SessionStore store = contract.store;
        SessionId first = store.current(OLD).id();
        store.append(first, new Entry.User("my name is Alice"));
        store.setTitle(first, "names");
        SessionId second = store.rotate(OLD).id();
        store.append(second, new Entry.User("second"));
        store.resume(OLD, first);

        assertThat(store.moveKey(OLD, NEW)).isEqualTo(2);

        assertThat(store.current(NEW).id()).isEqualTo(first);
        assertThat(store.list(NEW)).extracting(SessionHeader::id).containsExactly(second, first);
        assertThat(store.header(first)).hasValueSatisfying(h -> {
            assertThat(h.key()).isEqualTo(NEW);
            assertThat(h.title()).contains("names");
        });
        assertThat(store.path(first)).extracting(e -> ((Entry.User) e.body()).text())
                .containsExactly("my name is Alice");
        assertThat(store.list(OLD)).isEmpty();
        assertThat(store.listByKeyPrefix("cli:", 100)).isEmpty();
        // the old address starts afresh when used again
        assertThat(store.current(OLD).id()).isNotIn(first, second);
    }

    @Test
    void joins_a_target_that_has_conversations_and_keeps_its_current_one() {
        SessionStore store = contract.store;
        SessionId old = store.current(OLD).id();
        SessionId target = store.current(NEW).id();

        assertThat(store.moveKey(OLD, NEW)).isEqualTo(1);

        assertThat(store.current(NEW).id()).isEqualTo(target);
        assertThat(store.list(NEW)).extracting(SessionHeader::id).containsExactlyInAnyOrder(target, old);
        assertThat(store.resume(NEW, old)).map(SessionHeader::id).contains(old);
    }

    @Test
    void moves_nothing_from_an_unused_key_or_onto_itself() {
        SessionStore store = contract.store;
        SessionId target = store.current(NEW).id();
        assertThat(store.moveKey(OLD, NEW)).isZero();
        assertThat(store.moveKey(NEW, NEW)).isZero();
        assertThat(store.current(NEW).id()).isEqualTo(target);
        assertThat(store.list(NEW)).hasSize(1);
        assertThat(store.list(OLD)).isEmpty();
    }

    @Test
    void a_moved_conversation_is_deleted_under_its_new_key() {
        SessionStore store = contract.store;
        SessionId old = store.current(OLD).id();
        store.moveKey(OLD, NEW);
        assertThat(store.delete(old)).isTrue();
        assertThat(store.list(NEW)).isEmpty();
        assertThat(store.current(NEW).id()).isNotEqualTo(old);
    }
}
