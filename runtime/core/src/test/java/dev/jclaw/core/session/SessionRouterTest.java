package dev.jclaw.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionRouterTest {
    static final SessionKey ALICE = new SessionKey("web:alice");
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionRouter router = new SessionRouter(store);

    @Test
    void starts_a_conversation_on_first_use_and_keeps_routing_to_it() {
        SessionId first = router.route(ALICE);
        assertThat(router.route(ALICE)).isEqualTo(first);
        assertThat(router.sessions(ALICE)).extracting(SessionHeader::id).containsExactly(first);
    }

    @Test
    void loads_a_conversation_repaired() {
        SessionId id = router.route(ALICE);
        store.append(id, new Entry.Assistant("", "", List.of(new ToolCall("c1", "bash", "{}")), false));
        SessionRouter.Loaded loaded = router.load(ALICE);
        assertThat(loaded.repaired()).isEqualTo(1);
        assertThat(loaded.header().leaf()).contains(loaded.path().getLast().id());
        assertThat(loaded.path().getLast().body())
                .isEqualTo(new Entry.ToolOutput("c1", "bash", Histories.INTERRUPTED, true));
    }

    @Test
    void rotates_on_new_and_names_the_previous_conversation() {
        SessionRouter.Rotation firstEver = router.startNew(ALICE);
        assertThat(firstEver.previous()).isEmpty();
        SessionRouter.Rotation next = router.startNew(ALICE);
        assertThat(next.previous()).map(SessionHeader::id).contains(firstEver.current().id());
        assertThat(router.route(ALICE)).isEqualTo(next.current().id());
        assertThat(router.resume(ALICE, firstEver.current().id())).isPresent();
        assertThat(router.route(ALICE)).isEqualTo(firstEver.current().id());
    }
}
