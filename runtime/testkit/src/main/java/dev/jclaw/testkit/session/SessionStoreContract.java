package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionInfo;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do. An implementation's test extends this class and says how to open the
 * store; persistent stores also say how to reopen it, as after a restart.
 */
public abstract class SessionStoreContract {
    /** The store under test. */
    protected SessionStore store;

    /**
     * Opens a store on fresh, empty storage.
     *
     * @return the store
     * @throws Exception when it cannot be opened
     */
    protected abstract SessionStore open() throws Exception;

    /**
     * Closes the store and opens it again on the same storage; in-memory stores return the same store.
     *
     * @return the reopened store
     * @throws Exception when it cannot be reopened
     */
    protected abstract SessionStore reopen() throws Exception;

    static final SessionKey ALICE = new SessionKey("cli:alice");

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void starts_a_conversation_on_first_use_and_keeps_it_current() {
        SessionInfo first = store.current(ALICE);
        assertThat(store.current(ALICE).id()).isEqualTo(first.id());
        assertThat(store.path(first.id())).isEmpty();
    }

    @Test
    void appends_entries_along_one_branch() {
        SessionId id = store.current(ALICE).id();
        store.append(id, new Entry.User("hello"));
        store.append(id, new Entry.Assistant("", "thinking", List.of(new ToolCall("c1", "read", "{\"path\":\"a\"}")),
                false));
        store.append(id, new Entry.ToolOutput("c1", "read", "file text", false));
        store.append(id, new Entry.Assistant("done", "", List.of(), false));
        List<Entry> path = store.path(id);
        assertThat(path).extracting(Entry::body).containsExactly(new Entry.User("hello"),
                new Entry.Assistant("", "thinking", List.of(new ToolCall("c1", "read", "{\"path\":\"a\"}")), false),
                new Entry.ToolOutput("c1", "read", "file text", false), new Entry.Assistant("done", "", List.of(),
                        false));
        for (int i = 1; i < path.size(); i++) {
            assertThat(path.get(i).parentId()).isEqualTo(path.get(i - 1).id());
        }
        assertThat(path.getFirst().parentId()).isEmpty();
    }

    @Test
    void rotates_to_a_new_conversation_and_resumes_the_old_one() {
        SessionId old = store.current(ALICE).id();
        store.append(old, new Entry.User("first conversation"));
        SessionInfo fresh = store.rotate(ALICE);
        assertThat(fresh.id()).isNotEqualTo(old);
        assertThat(store.current(ALICE).id()).isEqualTo(fresh.id());
        assertThat(store.list(ALICE)).extracting(SessionInfo::id).containsExactly(fresh.id(), old);
        assertThat(store.resume(ALICE, old)).isPresent();
        assertThat(store.current(ALICE).id()).isEqualTo(old);
        assertThat(store.path(old)).hasSize(1);
        assertThat(store.resume(new SessionKey("cli:bob"), old)).isEmpty();
    }

    @Test
    void branches_when_the_leaf_moves_back() {
        SessionId id = store.current(ALICE).id();
        Entry one = store.append(id, new Entry.User("one"));
        store.append(id, new Entry.User("two"));
        store.moveLeaf(id, one.id());
        store.append(id, new Entry.User("two, again"));
        assertThat(store.path(id)).extracting(Entry::body)
                .containsExactly(new Entry.User("one"), new Entry.User("two, again"));
        assertThatThrownBy(() -> store.moveLeaf(id, "no-such-entry")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stores_hostile_text_faithfully() {
        SessionId id = store.current(ALICE).id();
        String big = "x".repeat(5 * 1024 * 1024);
        String odd = "nul\u0000 tab\t emoji \uD83D\uDE00 rtl \u202E quote\" backslash\\ ' ; DROP TABLE entries; --";
        store.append(id, new Entry.User(big));
        store.append(id, new Entry.User(odd));
        assertThat(store.path(id)).extracting(Entry::body).containsExactly(new Entry.User(big), new Entry.User(odd));
    }

    @Test
    void refuses_unknown_sessions() {
        SessionId ghost = SessionId.random();
        assertThatThrownBy(() -> store.append(ghost, new Entry.User("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.path(ghost)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keeps_sessions_apart_under_concurrent_appends() throws Exception {
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<SessionId> ids = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            ids.add(store.current(new SessionKey("cli:user" + s)).id());
        }
        List<Future<?>> work = new ArrayList<>();
        for (SessionId id : ids) {
            work.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    store.append(id, new Entry.User(id + " " + i));
                }
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.close();
        for (SessionId id : ids) {
            List<Entry> path = store.path(id);
            assertThat(path).hasSize(50);
            assertThat(path).extracting(e -> ((Entry.User) e.body()).text()).allMatch(t -> t.startsWith(id.value()));
        }
    }

    @Test
    void survives_a_restart_and_repairs_a_tool_call_left_without_result() throws Exception {
        SessionId id = store.current(ALICE).id();
        store.append(id, new Entry.User("run it"));
        store.append(id, new Entry.Assistant("", "", List.of(new ToolCall("c1", "bash", "{}"),
                new ToolCall("c2", "read", "{}")), false));
        store.append(id, new Entry.ToolOutput("c2", "read", "ok", false));
        store = reopen();
        assertThat(store.current(ALICE).id()).isEqualTo(id);
        assertThat(Histories.repair(store, id)).isEqualTo(1);
        assertThat(store.path(id).getLast().body())
                .isEqualTo(new Entry.ToolOutput("c1", "bash", Histories.INTERRUPTED, true));
        assertThat(Histories.repair(store, id)).isZero();
    }
}
