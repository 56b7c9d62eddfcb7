package dev.jclaw.core.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SettingsAndPolicyTest {
    @Nested
    class Settings {
        @Test
        void default_to_a_20000_token_tail() {
            assertThat(CompactionSettings.DEFAULT).isEqualTo(new CompactionSettings(20_000, 60_000, 4_000));
        }

        @Test
        void refuse_out_of_range_values_naming_the_setting() {
            assertThatThrownBy(() -> new CompactionSettings(0, 60_000, 4_000))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keep-tail-tokens");
            assertThatThrownBy(() -> new CompactionSettings(1, 99, 50))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chunk-tokens");
            assertThatThrownBy(() -> new CompactionSettings(1, 1_000, Integer.MIN_VALUE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary-max-tokens");
            assertThatThrownBy(() -> new CompactionSettings(1, 1_000, 1_000))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must be smaller than chunk-tokens");
        }
    }

    @Nested
    class Policy {
        @Test
        void compacts_only_past_the_budget() {
            assertThat(CompactionPolicy.needed(1_000, 1_000)).isFalse();
            assertThat(CompactionPolicy.needed(1_001, 1_000)).isTrue();
            assertThat(CompactionPolicy.needed(0, 0)).isFalse();
        }

        @Test
        void refuses_negative_counts() {
            assertThatThrownBy(() -> CompactionPolicy.needed(-1, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CompactionPolicy.needed(10, -1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void compacts_after_a_context_overflow_only() {
            assertThat(CompactionPolicy.needed(new ModelException(ModelException.Kind.CONTEXT_OVERFLOW, "too long")))
                    .isTrue();
            assertThat(CompactionPolicy.needed(new ModelException(ModelException.Kind.SERVER, "down"))).isFalse();
        }
    }

    @Nested
    class Counting {
        final WordCounter counter = new WordCounter();

        @Test
        void counts_texts_calls_and_results_with_an_overhead_per_message() {
            assertThat(HistoryTokens.countMessages(counter, List.of(new ChatMessage.User("one two"),
                    new ChatMessage.Assistant("three", List.of(new ToolCall("c", "read", "{\"a\": 1}"))),
                    new ChatMessage.ToolResult("c", "read", "four five six")))).isEqualTo(
                    2 + 1 + 1 + 2 + 3 + 3 * HistoryTokens.MESSAGE_OVERHEAD);
        }

        @Test
        void counts_a_branch_as_the_model_reads_it_after_a_summary() {
            InMemorySessionStore store = new InMemorySessionStore();
            SessionId id = store.current(new SessionKey("cli:alice")).id();
            store.append(id, new Entry.User("a b c d e f g h"));
            Entry kept = store.append(id, new Entry.User("kept words"));
            store.append(id, new Entry.Note("not sent to the model at all"));
            store.append(id, new Entry.CompactionSummary("short", kept.id()));
            // the heading "[Summary of the earlier conversation]" is 5 words
            assertThat(HistoryTokens.count(counter, store.path(id))).isEqualTo(5 + 1 + 2
                    + 2 * HistoryTokens.MESSAGE_OVERHEAD);
        }

        @Test
        void saturates_instead_of_overflowing() {
            dev.jclaw.core.model.TokenCounter huge = new dev.jclaw.core.model.TokenCounter() {
                @Override
                public int count(String text) {
                    return Integer.MAX_VALUE;
                }

                @Override
                public String name() {
                    return "huge";
                }
            };
            assertThat(HistoryTokens.countMessages(huge, List.of(new ChatMessage.User("a"),
                    new ChatMessage.User("b")))).isEqualTo(Integer.MAX_VALUE);
        }
    }
}
