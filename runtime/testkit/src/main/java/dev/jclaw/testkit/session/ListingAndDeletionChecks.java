package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Listing by key prefix and deleting: the part of {@link SessionStoreContract} a gateway's user menus rely on. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ListingAndDeletionChecks {
    private final SessionStoreContract contract;

    ListingAndDeletionChecks(SessionStoreContract contract) {
        this.contract = contract;
    }

    private static List<SessionId> ids(List<SessionHeader> headers) {
        return headers.stream().map(SessionHeader::id).toList();
    }

    @Test
    void lists_a_principals_conversations_across_channels_newest_first_and_nobody_elses() {
        SessionStore store = contract.store;
        SessionId web1 = store.current(new SessionKey("web:alice:chat-1")).id();
        SessionId bob = store.current(new SessionKey("web:bob:chat-1")).id();
        SessionId web2 = store.current(new SessionKey("web:alice:chat-2")).id();
        SessionId web1b = store.rotate(new SessionKey("web:alice:chat-1")).id();
        SessionId alicia = store.current(new SessionKey("web:alice2:x")).id();
        SessionId openai = store.current(new SessionKey("openai:alice:default")).id();

        assertThat(ids(store.listByKeyPrefix("web:alice:", 100))).containsExactly(web1b, web2, web1);
        assertThat(ids(store.listByKeyPrefix("openai:alice:", 100))).containsExactly(openai);
        assertThat(ids(store.listByKeyPrefix("web:alice", 100))).containsExactly(alicia, web1b, web2, web1);
        assertThat(ids(store.listByKeyPrefix("web:alice:", 2))).containsExactly(web1b, web2);
        assertThat(ids(store.listByKeyPrefix("", SessionStore.MAX_LIST)))
                .containsExactly(openai, alicia, web1b, web2, bob, web1);
        assertThat(store.listByKeyPrefix("WEB:ALICE:", 100)).isEmpty();
        assertThat(store.listByKeyPrefix("web:alice:chat-1", 100)).extracting(SessionHeader::key)
                .containsOnly(new SessionKey("web:alice:chat-1"));
    }

    @Test
    void matches_wildcards_quotes_and_backslashes_literally() {
        SessionStore store = contract.store;
        List<String> keys = List.of("web:a%b", "web:axb", "web:a_b", "web:a!b", "web:a\\b", "web:a\\\\b",
                "web:a'b", "web:a\"b", "web:a[b]", "web:a*b", "web:a?b", "web:a$b", "web:a^b", "web:a.b");
        List<SessionId> ids = new ArrayList<>();
        for (String key : keys) {
            ids.add(store.current(new SessionKey(key)).id());
        }
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            List<SessionId> expected = new ArrayList<>();
            for (int j = keys.size() - 1; j >= 0; j--) {
                if (keys.get(j).startsWith(key)) {
                    expected.add(ids.get(j));
                }
            }
            assertThat(ids(store.listByKeyPrefix(key, 100))).as(key).containsExactlyElementsOf(expected);
        }
        assertThat(store.listByKeyPrefix("web:%", 100)).isEmpty();
        assertThat(store.listByKeyPrefix("web:_", 100)).isEmpty();
        assertThat(store.listByKeyPrefix("%", 100)).isEmpty();
        assertThat(store.listByKeyPrefix("_", 100)).isEmpty();
        assertThat(store.listByKeyPrefix("\\", 100)).isEmpty();
        assertThat(ids(store.listByKeyPrefix("web:a\\", 100))).containsExactly(ids.get(5), ids.get(4));
    }

    @Test
    void finds_nothing_for_prefixes_no_key_can_start_with_and_refuses_bad_limits() {
        SessionStore store = contract.store;
        store.current(new SessionKey("web:" + "長".repeat(SessionKey.MAX_LENGTH - 4)));
        store.current(new SessionKey("web:😀 smile"));
        for (String prefix : List.of("web:" + "x".repeat(10 * 1024), "web:" + "長".repeat(SessionKey.MAX_LENGTH),
                "web:\u0000", "web:\n", "web:\uD83D", "web:\uDE00", "'; DROP TABLE sessions; --",
                "web:' OR '1'='1")) {
            assertThat(store.listByKeyPrefix(prefix, 10)).as("%.20s", prefix).isEmpty();
        }
        assertThat(store.listByKeyPrefix("web:" + "長".repeat(SessionKey.MAX_LENGTH - 4), 10)).hasSize(1);
        assertThat(store.listByKeyPrefix("web:😀", 10)).hasSize(1);
        for (int bad : new int[] {0, -1, SessionStore.MAX_LIST + 1, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> store.listByKeyPrefix("web:", bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 to " + SessionStore.MAX_LIST);
        }
        assertThat(store.list(new SessionKey("web:😀 smile"))).hasSize(1);
    }

    @Test
    void deletes_a_conversation_with_its_entries_and_keeps_the_others() {
        SessionStore store = contract.store;
        SessionId old = store.current(SessionStoreContract.ALICE).id();
        store.append(old, new Entry.User("old"));
        SessionId kept = store.rotate(SessionStoreContract.ALICE).id();
        Entry keptEntry = store.append(kept, new Entry.User("kept"));
        SessionId bobs = store.current(SessionStoreContract.BOB).id();

        assertThat(store.delete(old)).isTrue();
        assertThat(store.header(old)).isEmpty();
        assertThatThrownBy(() -> store.path(old)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.append(old, new Entry.User("late"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.resume(SessionStoreContract.ALICE, old)).isEmpty();
        assertThat(ids(store.list(SessionStoreContract.ALICE))).containsExactly(kept);
        assertThat(ids(store.listByKeyPrefix("", 100))).doesNotContain(old).contains(kept, bobs);
        assertThat(store.current(SessionStoreContract.ALICE).id()).isEqualTo(kept);
        assertThat(store.path(kept)).containsExactly(keptEntry);
        assertThat(store.delete(old)).isFalse();
        assertThat(store.delete(SessionId.random())).isFalse();
    }

    @Test
    void starts_a_new_current_conversation_after_the_current_one_is_deleted() {
        SessionStore store = contract.store;
        SessionRouter router = new SessionRouter(store);
        SessionId earlier = router.route(SessionStoreContract.ALICE);
        SessionId current = store.rotate(SessionStoreContract.ALICE).id();
        store.append(current, new Entry.User("to be deleted"));

        assertThat(store.delete(current)).isTrue();
        SessionId next = router.route(SessionStoreContract.ALICE);
        assertThat(next).isNotIn(current, earlier);
        assertThat(router.load(SessionStoreContract.ALICE).path()).isEmpty();
        assertThat(store.current(SessionStoreContract.ALICE).id()).isEqualTo(next);
        assertThat(ids(store.list(SessionStoreContract.ALICE))).containsExactly(next, earlier);
        assertThat(store.resume(SessionStoreContract.ALICE, earlier)).isPresent();
        assertThat(store.delete(earlier)).isTrue();
        assertThat(store.delete(next)).isTrue();
        assertThat(store.list(SessionStoreContract.ALICE)).isEmpty();
        SessionId fresh = router.route(SessionStoreContract.ALICE);
        assertThat(fresh).isNotIn(current, earlier, next);
        assertThat(ids(store.list(SessionStoreContract.ALICE))).containsExactly(fresh);
    }

    @Test
    void deletes_whole_while_appends_race_with_it() throws Exception {
        SessionStore store = contract.store;
        for (int round = 0; round < 5; round++) {
            SessionKey key = new SessionKey("web:racer-" + round);
            SessionId id = store.current(key).id();
            store.append(id, new Entry.User("first"));
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            List<Boolean> deleted = ConcurrencyChecks.together(9, n -> {
                if (n == 0) {
                    Thread.sleep(1);
                    return store.delete(id);
                }
                for (int i = 0; i < 20; i++) {
                    try {
                        store.append(id, new Entry.User(n + "/" + i));
                    } catch (IllegalArgumentException gone) {
                        return false; // the conversation was deleted: refused, as the port says
                    } catch (RuntimeException e) {
                        unexpected.add(e);
                        return false;
                    }
                }
                return false;
            });
            assertThat(unexpected).as("round %d", round).isEmpty();
            assertThat(deleted.getFirst()).isTrue();
            assertThat(store.header(id)).isEmpty();
            assertThatThrownBy(() -> store.path(id)).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.list(key)).isEmpty();
            SessionId next = store.current(key).id();
            assertThat(next).isNotEqualTo(id);
            assertThat(store.path(next)).isEmpty();
        }
    }

    @Test
    void keeps_a_deletion_across_a_restart() throws Exception {
        SessionId gone = contract.store.current(SessionStoreContract.ALICE).id();
        contract.store.append(gone, new Entry.User("secret"));
        SessionId kept = contract.store.current(SessionStoreContract.BOB).id();
        assertThat(contract.store.delete(gone)).isTrue();

        contract.store = contract.reopen();
        SessionStore store = contract.store;
        assertThat(store.header(gone)).isEmpty();
        assertThat(ids(store.listByKeyPrefix("", 10))).containsExactly(kept);
        assertThat(store.current(SessionStoreContract.ALICE).id()).isNotEqualTo(gone);
    }
}
