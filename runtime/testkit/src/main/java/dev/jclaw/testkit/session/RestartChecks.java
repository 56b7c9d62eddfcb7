package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.Usage;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Restarts and crashes: the part of {@link SessionStoreContract} about what outlives the process. */
abstract class RestartChecks {
    private final SessionStoreContract contract;

    RestartChecks(SessionStoreContract contract) {
        this.contract = contract;
    }

    @Test
    void keeps_conversations_headers_branches_and_the_current_one_across_a_restart() throws Exception {
        var store = contract.store;
        SessionId old = store.current(SessionStoreContract.ALICE).id();
        Entry one = store.append(old, new Entry.User("one"));
        store.append(old, new Entry.User("two"));
        store.moveLeaf(old, one.id());
        Entry branch = store.append(old, new Entry.User("two, again"));
        store.setTitle(old, "the first one");
        SessionHeader fresh = store.setModel(store.rotate(SessionStoreContract.ALICE).id(), "gpt-5-mini");
        store.resume(SessionStoreContract.ALICE, old);
        List<SessionHeader> listed = store.list(SessionStoreContract.ALICE);

        contract.store = contract.reopen();
        store = contract.store;
        assertThat(store.list(SessionStoreContract.ALICE)).isEqualTo(listed);
        assertThat(store.current(SessionStoreContract.ALICE).id()).isEqualTo(old);
        assertThat(store.header(fresh.id())).contains(fresh);
        assertThat(store.path(old)).containsExactly(one, branch);
        Entry after = store.append(old, new Entry.User("after the restart"));
        assertThat(after.parent()).contains(branch.id());
    }

    @Test
    void keeps_the_usage_of_every_turn_across_a_restart() throws Exception {
        var store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        store.append(id, new Entry.User("one"));
        store.append(id, new Entry.TurnUsage(new Usage(Long.MAX_VALUE / 2, 7, 1_000_000_000_000L, 0), 1, "gpt-5"));
        store.append(id, new Entry.User("two"));
        store.append(id, new Entry.TurnUsage(new Usage(30, 4, 20, 2), 2, "gpt-5-mini"));

        contract.store = contract.reopen();
        assertThat(SessionUsage.of(contract.store.path(id)))
                .isEqualTo(new SessionUsage(2, Long.MAX_VALUE / 2 + 30, 11, 1_000_000_000_020L, 2));
    }

    @Test
    void loses_nothing_written_in_a_crash_and_answers_the_interrupted_tool_call_on_load() throws Exception {
        var store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        store.append(id, new Entry.User("run both"));
        store.append(id, SessionStoreContract.calling("c1", "c2"));
        Entry written = store.append(id, new Entry.ToolOutput("c2", "read", "done", false));
        // the process dies while c1 runs

        contract.store = contract.crash();
        SessionRouter.Loaded loaded = new SessionRouter(contract.store).load(SessionStoreContract.ALICE);
        assertThat(loaded.header().id()).isEqualTo(id);
        assertThat(loaded.repaired()).isEqualTo(1);
        assertThat(loaded.path()).hasSize(4).contains(written);
        assertThat(loaded.path().getLast().body())
                .isEqualTo(new Entry.ToolOutput("c1", "read", Histories.INTERRUPTED, true));
        assertThat(Histories.messages(loaded.path())).filteredOn(ChatMessage.ToolResult.class::isInstance)
                .hasSize(2);
    }
}
