package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SessionStore} must do: addressing, appending, branching, headers and repair here; concurrency,
 * hostile input, listing by key prefix and deletion, images and restarts in the nested suites at the end. An
 * implementation's test extends this class and says how to open the store on fresh storage; persistent stores also
 * say how to reopen it, as after a restart, and how to crash it.
 *
 * <pre>{@code
 * class H2SessionStoreTest extends SessionStoreContract {
 *     @TempDir Path dir;
 *     protected SessionStore open() { return JdbcSessionStore.h2(dir); }
 *     protected SessionStore reopen() { store.close(); return open(); }
 * }
 * }</pre>
 */
public abstract class SessionStoreContract {
    /** The usual address of these tests. */
    protected static final SessionKey ALICE = new SessionKey("cli:alice");
    /** Another address. */
    protected static final SessionKey BOB = new SessionKey("web:bob");

    /** The store under test; the restart tests replace it. */
    protected SessionStore store;

    /** Creates the suite. */
    protected SessionStoreContract() {
    }

    /**
     * Opens a store on fresh, empty storage.
     *
     * @return the store
     * @throws Exception when it cannot be opened
     */
    protected abstract SessionStore open() throws Exception;

    /**
     * Closes {@link #store} and opens a store on the same storage, as after a clean restart. A store that keeps
     * nothing across restarts (in memory) returns {@link #store} itself.
     *
     * @return the reopened store
     * @throws Exception when it cannot be reopened
     */
    protected abstract SessionStore reopen() throws Exception;

    /**
     * Abandons {@link #store} as a crash would (no cleanup, no orderly close of the storage) and opens a store on
     * the same storage. By default a clean {@link #reopen()}; persistent stores override it.
     *
     * @return the store opened after the crash
     * @throws Exception when it cannot be reopened
     */
    protected SessionStore crash() throws Exception {
        return reopen();
    }

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) { // null when open() was skipped by an assumption
            store.close();
        }
    }

    /**
     * A tool-calling answer.
     *
     * @param calls the call ids; every call is to {@code read}
     * @return the answer
     */
    protected static Entry.Assistant calling(String... calls) {
        return new Entry.Assistant("", "", java.util.Arrays.stream(calls)
                .map(c -> new ToolCall(c, "read", "{\"path\":\"" + c + "\"}")).toList(), false);
    }

    @Nested
    class Addressing {
        @Test
        void starts_a_conversation_on_first_use_and_keeps_it_current() {
            SessionHeader first = store.current(ALICE);
            assertThat(first.key()).isEqualTo(ALICE);
            assertThat(first.leaf()).isEmpty();
            assertThat(store.current(ALICE)).isEqualTo(first);
            assertThat(store.path(first.id())).isEmpty();
            assertThat(store.list(ALICE)).containsExactly(first);
        }

        @Test
        void rotates_to_a_new_conversation_and_keeps_the_old_one_listed_newest_first() {
            SessionId old = store.current(ALICE).id();
            store.append(old, new Entry.User("first conversation"));
            SessionHeader fresh = store.rotate(ALICE);
            SessionHeader newest = store.rotate(ALICE);
            assertThat(List.of(fresh.id(), newest.id())).doesNotContain(old).doesNotHaveDuplicates();
            assertThat(store.current(ALICE).id()).isEqualTo(newest.id());
            assertThat(store.list(ALICE)).extracting(SessionHeader::id).containsExactly(newest.id(), fresh.id(), old);
            assertThat(store.path(old)).hasSize(1);
        }

        @Test
        void resumes_an_earlier_conversation_of_the_same_key_only() {
            SessionId old = store.current(ALICE).id();
            SessionId fresh = store.rotate(ALICE).id();
            assertThat(store.resume(ALICE, old)).map(SessionHeader::id).contains(old);
            assertThat(store.current(ALICE).id()).isEqualTo(old);
            assertThat(store.resume(BOB, fresh)).isEmpty();
            assertThat(store.resume(ALICE, SessionId.random())).isEmpty();
            assertThat(store.current(ALICE).id()).isEqualTo(old);
            assertThat(store.list(BOB)).isEmpty();
        }

        @Test
        void finds_the_current_conversation_without_starting_one() {
            assertThat(store.findCurrent(ALICE)).isEmpty();
            assertThat(store.list(ALICE)).isEmpty();
            SessionHeader first = store.current(ALICE);
            assertThat(store.findCurrent(ALICE)).contains(first);
            SessionHeader second = store.rotate(ALICE);
            assertThat(store.findCurrent(ALICE)).contains(second);
            store.delete(second.id());
            assertThat(store.findCurrent(ALICE)).as("the current one was deleted").isEmpty();
            assertThat(store.list(ALICE)).containsExactly(first);
            assertThat(store.findCurrent(BOB)).isEmpty();
        }

        @Test
        void keeps_keys_apart() {
            SessionId alice = store.current(ALICE).id();
            SessionId bob = store.current(BOB).id();
            store.append(alice, new Entry.User("for alice"));
            assertThat(bob).isNotEqualTo(alice);
            assertThat(store.path(bob)).isEmpty();
            assertThat(store.list(BOB)).extracting(SessionHeader::id).containsExactly(bob);
        }

        @Test
        void looks_headers_up_by_id() {
            SessionHeader header = store.current(ALICE);
            assertThat(store.header(header.id())).contains(header);
            assertThat(store.header(SessionId.random())).isEmpty();
        }
    }

    @Nested
    class Appending {
        @Test
        void chains_entries_along_one_branch_and_moves_the_leaf() {
            SessionId id = store.current(ALICE).id();
            Entry user = store.append(id, new Entry.User("hello"));
            Entry call = store.append(id, calling("c1"));
            Entry result = store.append(id, new Entry.ToolOutput("c1", "read", "file text", false));
            Entry answer = store.append(id, new Entry.Assistant("done", "I read it", List.of(), true));
            assertThat(store.path(id)).containsExactly(user, call, result, answer);
            assertThat(user.parent()).isEmpty();
            assertThat(call.parent()).contains(user.id());
            assertThat(answer.parent()).contains(result.id());
            assertThat(store.header(id).orElseThrow().leaf()).contains(answer.id());
            assertThat(answer.at()).isAfterOrEqualTo(user.at());
        }

        @Test
        void keeps_every_kind_of_entry() {
            SessionId id = store.current(ALICE).id();
            Entry first = store.append(id, new Entry.User("u"));
            List<Entry.Body> bodies = List.of(new Entry.User("u"),
                    new Entry.Assistant("a", "r", List.of(new ToolCall("c", "x:y", "{bad json")), false),
                    new Entry.ToolOutput("c", "x:y", "refused", true), new Entry.Note("model switched"),
                    new Entry.CompactionSummary("they said u", first.id()),
                    new Entry.TurnUsage(new Usage(12_345, 678, 9_012, 34), 3, "qwen3:32b"),
                    new Entry.TurnUsage(Usage.NONE, 0, ""));
            for (Entry.Body body : bodies.subList(1, bodies.size())) {
                store.append(id, body);
            }
            assertThat(store.path(id)).extracting(Entry::body).containsExactlyElementsOf(bodies);
        }

        @Test
        void refuses_unknown_conversations() {
            SessionId ghost = SessionId.random();
            assertThatThrownBy(() -> store.append(ghost, new Entry.User("x")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ghost.value());
            assertThatThrownBy(() -> store.path(ghost)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.moveLeaf(ghost, EntryId.random()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refuses_a_compaction_summary_that_keeps_an_entry_off_the_branch() {
            SessionId id = store.current(ALICE).id();
            Entry one = store.append(id, new Entry.User("one"));
            Entry two = store.append(id, new Entry.User("two"));
            store.moveLeaf(id, one.id());
            assertThatThrownBy(() -> store.append(id, new Entry.CompactionSummary("s", two.id())))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.path(id)).containsExactly(one);
        }

        @Test
        void appends_several_entries_in_one_step_chained_under_the_leaf() {
            SessionId id = store.current(ALICE).id();
            Entry first = store.append(id, new Entry.User("hello"));
            List<Entry> step = store.appendAll(id, List.of(calling("c1"),
                    new Entry.ToolOutput("c1", "read", "file text", false), new Entry.User("and an image",
                            List.of(dev.jclaw.core.model.ImageInput.url("https://example.org/a.png")))));
            assertThat(store.appendAll(id, List.of())).isEmpty();
            assertThat(store.path(id)).containsExactly(first, step.get(0), step.get(1), step.get(2));
            assertThat(step.get(0).parent()).contains(first.id());
            assertThat(step.get(2).parent()).contains(step.get(1).id());
            assertThat(store.header(id).orElseThrow().leaf()).contains(step.get(2).id());
        }

        @Test
        void appends_all_or_nothing() {
            SessionId id = store.current(ALICE).id();
            Entry one = store.append(id, new Entry.User("one"));
            Entry two = store.append(id, new Entry.User("two"));
            store.moveLeaf(id, one.id());
            // the second body names an entry off the branch: the first must not stay behind
            assertThatThrownBy(() -> store.appendAll(id, List.of(new Entry.User("three"),
                    new Entry.CompactionSummary("s", two.id())))).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.path(id)).containsExactly(one);
            assertThatThrownBy(() -> store.appendAll(SessionId.random(), List.of(new Entry.User("x"))))
                    .isInstanceOf(IllegalArgumentException.class);
            // a summary in a step keeps an entry an earlier step wrote
            List<Entry> step = store.appendAll(id, List.of(new Entry.User("four"), new Entry.User("five")));
            store.appendAll(id, List.of(new Entry.CompactionSummary("s", step.get(1).id())));
            assertThat(store.path(id)).hasSize(4);
        }
    }

    @Nested
    class Branching {
        @Test
        void starts_a_branch_when_the_leaf_moves_back_and_keeps_the_old_one() {
            SessionId id = store.current(ALICE).id();
            Entry one = store.append(id, new Entry.User("one"));
            Entry two = store.append(id, new Entry.User("two"));
            store.moveLeaf(id, one.id());
            Entry again = store.append(id, new Entry.User("two, again"));
            assertThat(again.parent()).contains(one.id());
            assertThat(store.path(id)).containsExactly(one, again);
            store.moveLeaf(id, two.id());
            assertThat(store.path(id)).containsExactly(one, two);
        }

        @Test
        void refuses_to_move_the_leaf_to_an_entry_of_another_conversation() {
            SessionId alice = store.current(ALICE).id();
            SessionId bob = store.current(BOB).id();
            Entry bobs = store.append(bob, new Entry.User("bob's"));
            assertThatThrownBy(() -> store.moveLeaf(alice, bobs.id())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.moveLeaf(alice, EntryId.random()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.header(alice).orElseThrow().leaf()).isEmpty();
        }
    }

    @Nested
    class Headers {
        @Test
        void keeps_a_title_and_a_model_override_until_cleared() {
            SessionId id = store.current(ALICE).id();
            store.append(id, new Entry.User("hi"));
            SessionHeader titled = store.setTitle(id, "Trip to 北京 \uD83D\uDE80");
            SessionHeader both = store.setModel(id, "qwen3:32b");
            assertThat(both.title()).contains("Trip to 北京 \uD83D\uDE80");
            assertThat(both.model()).contains("qwen3:32b");
            assertThat(both.leaf()).isEqualTo(titled.leaf()).isPresent();
            assertThat(store.current(ALICE)).isEqualTo(both);
            assertThat(store.list(ALICE)).containsExactly(both);
            store.setTitle(id, "");
            assertThat(store.setModel(id, "")).isEqualTo(SessionHeader.started(id, ALICE, both.created())
                    .withLeaf(both.leaf().orElseThrow(), both.updated()));
        }

        @Test
        void says_when_the_latest_entry_was_written_following_the_leaf() {
            SessionHeader started = store.current(ALICE);
            assertThat(started.updated()).isEqualTo(started.created());
            Entry first = store.append(started.id(), new Entry.User("first"));
            assertThat(store.header(started.id()).orElseThrow().updated()).isEqualTo(first.at());
            Entry second = store.append(started.id(), new Entry.Assistant("second", "", List.of(), false));
            assertThat(store.current(ALICE).updated()).isEqualTo(second.at());
            assertThat(store.list(ALICE).getFirst().updated()).isEqualTo(second.at());
            assertThat(store.listByKeyPrefix("cli:", 10).getFirst().updated()).isEqualTo(second.at());
            store.moveLeaf(started.id(), first.id());
            assertThat(store.header(started.id()).orElseThrow().updated()).isEqualTo(first.at());
            assertThat(store.setTitle(started.id(), "t").updated()).isEqualTo(first.at());
        }

        @Test
        void refuses_malformed_titles_and_unknown_conversations() {
            SessionId id = store.current(ALICE).id();
            assertThatThrownBy(() -> store.setTitle(id, "two\nlines")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.setTitle(SessionId.random(), "t"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.header(id).orElseThrow().title()).isEqualTo(Optional.empty());
        }
    }

    @Nested
    class Concurrency extends ConcurrencyChecks {
        Concurrency() {
            super(SessionStoreContract.this);
        }
    }

    @Nested
    class HostileInput extends HostileInputChecks {
        HostileInput() {
            super(SessionStoreContract.this);
        }
    }

    @Nested
    class ListingAndDeletion extends ListingAndDeletionChecks {
        ListingAndDeletion() {
            super(SessionStoreContract.this);
        }
    }

    @Nested
    class KeyMove extends KeyMoveChecks {
        KeyMove() {
            super(SessionStoreContract.this);
        }
    }

    @Nested
    class Images extends ImageChecks {
        Images() {
            super(SessionStoreContract.this);
        }
    }

    @Nested
    class Restart extends RestartChecks {
        Restart() {
            super(SessionStoreContract.this);
        }
    }

    @Nested
    class Repair {
        @Test
        void closes_every_open_tool_call_once_through_the_router() {
            SessionId id = store.current(ALICE).id();
            store.append(id, new Entry.User("run it"));
            store.append(id, calling("c1", "c2"));
            store.append(id, new Entry.ToolOutput("c2", "read", "ok", false));
            SessionRouter.Loaded loaded = new SessionRouter(store).load(ALICE);
            assertThat(loaded.repaired()).isEqualTo(1);
            assertThat(loaded.path().getLast().body())
                    .isEqualTo(new Entry.ToolOutput("c1", "read", Histories.INTERRUPTED, true));
            assertThat(new SessionRouter(store).load(ALICE).repaired()).isZero();
        }
    }
}
