package dev.jclaw.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.model.Usage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SessionUsageTest {
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionId id = store.current(new SessionKey("cli:alice")).id();

    @Nested
    class Summing {
        @Test
        void adds_up_the_usage_entries_of_the_branch_and_ignores_the_rest() {
            store.append(id, new Entry.User("one"));
            store.append(id, new Entry.TurnUsage(new Usage(1000, 20, 800, 5), 2, "gpt-5"));
            store.append(id, new Entry.Note("model switched"));
            store.append(id, new Entry.TurnUsage(new Usage(1500, 30, 1200, 0), 1, "gpt-5-mini"));
            assertThat(SessionUsage.of(store.path(id))).isEqualTo(new SessionUsage(2, 2500, 50, 2000, 5));
        }

        @Test
        void leaves_out_a_branch_set_aside() {
            Entry one = store.append(id, new Entry.User("one"));
            store.append(id, new Entry.TurnUsage(new Usage(9000, 9, 0, 0), 1, "m"));
            store.moveLeaf(id, one.id());
            store.append(id, new Entry.TurnUsage(new Usage(100, 5, 50, 0), 1, "m"));
            assertThat(SessionUsage.of(store.path(id))).isEqualTo(new SessionUsage(1, 100, 5, 50, 0));
        }

        @Test
        void is_none_for_a_conversation_without_turns() {
            assertThat(SessionUsage.of(store.path(id))).isEqualTo(SessionUsage.NONE);
            assertThat(SessionUsage.NONE.cacheHitShare()).isZero();
        }
    }

    @Nested
    class CacheHitShare {
        @Test
        void is_the_cached_share_of_the_prompt_tokens() {
            SessionUsage usage = SessionUsage.NONE.plus(new Entry.TurnUsage(new Usage(1000, 10, 250, 0), 1, "m"));
            assertThat(usage.cacheHitShare()).isEqualTo(0.25);
        }
    }

    @Nested
    class Entries {
        @Test
        void refuse_a_negative_step_count() {
            assertThatThrownBy(() -> new Entry.TurnUsage(Usage.NONE, -1, "m"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps");
        }
    }
}
