package dev.jclaw.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HistoriesTest {
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionId id = store.current(new SessionKey("cli:alice")).id();

    static Entry.Assistant calls(String... ids) {
        return new Entry.Assistant("", "", java.util.Arrays.stream(ids).map(c -> new ToolCall(c, "read", "{}"))
                .toList(), false);
    }

    static Entry.ToolOutput result(String callId, String content) {
        return new Entry.ToolOutput(callId, "read", content, false);
    }

    @Nested
    class Messages {
        @Test
        void follow_the_branch_and_leave_notes_out() {
            store.append(id, new Entry.User("hi"));
            store.append(id, new Entry.Note("model switched to gpt-5"));
            store.append(id, new Entry.Assistant("hello", "they greet me", List.of(), false));
            assertThat(Histories.messages(store.path(id))).containsExactly(new ChatMessage.User("hi"),
                    new ChatMessage.Assistant("hello", List.of()));
        }

        @Test
        void leave_usage_entries_out() {
            store.append(id, new Entry.User("hi"));
            store.append(id, new Entry.Assistant("hello", "", List.of(), false));
            store.append(id, new Entry.TurnUsage(new Usage(120, 8, 100, 2), 1, "gpt-5"));
            store.append(id, new Entry.User("again"));
            assertThat(Histories.messages(store.path(id))).containsExactly(new ChatMessage.User("hi"),
                    new ChatMessage.Assistant("hello", List.of()), new ChatMessage.User("again"));
        }

        @Test
        void put_each_result_right_after_its_call_in_call_order_and_drop_strays() {
            store.append(id, new Entry.User("go"));
            store.append(id, calls("a", "b"));
            store.append(id, result("stray", "no call made this"));
            store.append(id, result("b", "B"));
            store.append(id, result("a", "A"));
            assertThat(Histories.messages(store.path(id))).containsExactly(new ChatMessage.User("go"),
                    new ChatMessage.Assistant("", calls("a", "b").toolCalls()),
                    new ChatMessage.ToolResult("a", "read", "A"), new ChatMessage.ToolResult("b", "read", "B"));
        }

        @Test
        void match_reused_call_ids_to_the_latest_open_call() {
            store.append(id, calls("call_0"));
            store.append(id, result("call_0", "first"));
            store.append(id, calls("call_0"));
            store.append(id, result("call_0", "second"));
            assertThat(Histories.messages(store.path(id))).filteredOn(ChatMessage.ToolResult.class::isInstance)
                    .extracting(m -> ((ChatMessage.ToolResult) m).content()).containsExactly("first", "second");
        }

        @Test
        void stay_well_formed_before_repair_by_answering_open_calls_as_interrupted() {
            store.append(id, calls("a"));
            assertThat(Histories.messages(store.path(id))).last()
                    .isEqualTo(new ChatMessage.ToolResult("a", "read", Histories.INTERRUPTED));
        }

        @Test
        void show_a_compaction_summary_then_the_kept_entries_then_what_came_after() {
            store.append(id, new Entry.User("old question"));
            store.append(id, new Entry.Assistant("old answer", "", List.of(), false));
            Entry kept = store.append(id, new Entry.User("recent question"));
            store.append(id, calls("k"));
            store.append(id, result("k", "K"));
            store.append(id, new Entry.CompactionSummary("they asked an old question", kept.id()));
            store.append(id, new Entry.User("new question"));
            assertThat(Histories.messages(store.path(id))).containsExactly(
                    new ChatMessage.User(Histories.SUMMARY_HEADING + "\nthey asked an old question"),
                    new ChatMessage.User("recent question"), new ChatMessage.Assistant("", calls("k").toolCalls()),
                    new ChatMessage.ToolResult("k", "read", "K"), new ChatMessage.User("new question"));
        }

        @Test
        void use_only_the_latest_compaction_summary() {
            Entry first = store.append(id, new Entry.User("one"));
            store.append(id, new Entry.CompactionSummary("first summary", first.id()));
            Entry two = store.append(id, new Entry.User("two"));
            store.append(id, new Entry.CompactionSummary("second summary", two.id()));
            assertThat(Histories.messages(store.path(id))).containsExactly(
                    new ChatMessage.User(Histories.SUMMARY_HEADING + "\nsecond summary"), new ChatMessage.User("two"));
        }

        @Test
        void drop_results_whose_call_was_summarised_away() {
            store.append(id, calls("x"));
            Entry orphan = store.append(id, result("x", "X"));
            store.append(id, new Entry.CompactionSummary("called x", orphan.id()));
            assertThat(Histories.messages(store.path(id)))
                    .containsExactly(new ChatMessage.User(Histories.SUMMARY_HEADING + "\ncalled x"));
        }
    }

    @Nested
    class Repair {
        @Test
        void answers_every_open_call_with_an_error_and_is_idempotent() {
            store.append(id, new Entry.User("run both"));
            store.append(id, calls("a", "b", "c"));
            store.append(id, result("b", "B"));
            assertThat(Histories.repair(store, id)).isEqualTo(2);
            assertThat(store.path(id)).extracting(Entry::body).endsWith(
                    new Entry.ToolOutput("a", "read", Histories.INTERRUPTED, true),
                    new Entry.ToolOutput("c", "read", Histories.INTERRUPTED, true));
            assertThat(Histories.repair(store, id)).isZero();
            assertThat(Histories.unanswered(store.path(id))).isEmpty();
        }

        @Test
        void finds_open_calls_of_earlier_steps_too() {
            store.append(id, calls("a"));
            store.append(id, new Entry.User("the user went on"));
            store.append(id, calls("b"));
            store.append(id, result("b", "B"));
            assertThat(Histories.unanswered(store.path(id)))
                    .containsExactly(new Entry.ToolOutput("a", "read", Histories.INTERRUPTED, true));
        }

        @Test
        void leaves_a_complete_history_alone() {
            store.append(id, calls("a"));
            store.append(id, result("a", "A"));
            store.append(id, new Entry.Assistant("done", "", List.of(), false));
            assertThat(Histories.repair(store, id)).isZero();
            assertThat(store.path(id)).hasSize(3);
        }
    }
}
