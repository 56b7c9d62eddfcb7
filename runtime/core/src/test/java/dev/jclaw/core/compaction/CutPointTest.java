package dev.jclaw.core.compaction;

import static dev.jclaw.core.compaction.Conversations.answer;
import static dev.jclaw.core.compaction.Conversations.calls;
import static dev.jclaw.core.compaction.Conversations.result;
import static dev.jclaw.core.compaction.Conversations.user;
import static dev.jclaw.core.compaction.Conversations.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CutPointTest {
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionId id = store.current(new SessionKey("cli:alice")).id();
    final WordCounter counter = new WordCounter();

    /** Appends the bodies and returns the stored entries. */
    List<Entry> append(Entry.Body... bodies) {
        for (Entry.Body body : bodies) {
            store.append(id, body);
        }
        return store.path(id);
    }

    Optional<CutPoint.Cut> cut(int keepTail) {
        return CutPoint.find(store.path(id), counter, keepTail);
    }

    @Nested
    class Tail {
        @Test
        void keeps_at_least_the_tail_tokens_and_cuts_before_a_user_message() {
            // each entry costs 100 words + 4 overhead
            List<Entry> path = append(user(words(100, "a")), answer(words(100, "b")), user(words(100, "c")),
                    answer(words(100, "d")), user(words(100, "e")), answer(words(100, "f")));
            CutPoint.Cut cut = cut(150).orElseThrow();
            assertThat(cut.firstKept()).isEqualTo(path.get(4));
            assertThat(cut.summarised()).containsExactlyElementsOf(path.subList(0, 4));
            assertThat(cut.previousSummary()).isEmpty();
        }

        @Test
        void keeps_more_than_asked_rather_than_split_a_turn() {
            List<Entry> path = append(user(words(10, "q")), answer(words(10, "a")), user(words(10, "task")),
                    answer(words(100, "x")), answer(words(100, "y")));
            // the tail must start at index 3 or earlier; index 3 and 4 are answers, the nearest user message is 2
            assertThat(cut(150).orElseThrow().firstKept()).isEqualTo(path.get(2));
        }

        @Test
        void finds_nothing_when_the_whole_history_fits_in_the_tail() {
            append(user("hi"), answer("hello"), user("how are you"), answer("fine"));
            assertThat(cut(1_000)).isEmpty();
        }

        @Test
        void finds_nothing_when_only_the_first_entry_lies_beyond_the_tail() {
            append(user(words(1_000, "big")), answer("ok"));
            assertThat(cut(100)).isEmpty();
        }

        @Test
        void finds_nothing_in_an_empty_branch() {
            assertThat(cut(1)).isEmpty();
        }
    }

    @Nested
    class ToolCalls {
        @Test
        void never_separates_parallel_calls_from_their_results_written_out_of_order() {
            List<Entry> path = append(user(words(50, "start")), calls("a", "b"), result("b", words(200, "B")),
                    result("a", words(200, "A")), answer(words(10, "done")), user(words(10, "next")));
            // the wanted tail ends inside the results; the only clean boundary before it is the call-making answer
            CutPoint.Cut cut = cut(230).orElseThrow();
            assertThat(cut.firstKept()).isEqualTo(path.get(1));
            assertThat(cut.summarised()).containsExactly(path.getFirst());
        }

        @Test
        void prefers_the_user_message_of_the_turn_when_its_tail_is_not_too_long() {
            List<Entry> path = append(user(words(100, "old")), answer(words(100, "old")), user(words(20, "do")),
                    calls("a", "b"), result("a", words(60, "A")), result("b", words(60, "B")), answer("ok"));
            CutPoint.Cut cut = cut(100).orElseThrow();
            assertThat(cut.firstKept()).isEqualTo(path.get(2));
        }

        @Test
        void cuts_one_huge_turn_before_an_answer_whose_results_all_follow_it() {
            append(user("hi"), answer("hello"), user("refactor everything"));
            for (int round = 0; round < 10; round++) {
                append(calls("c" + round, "d" + round), result("d" + round, words(50, "D")),
                        result("c" + round, words(50, "C")));
            }
            List<Entry> path = append(answer("finished"));
            CutPoint.Cut cut = cut(250).orElseThrow();
            assertThat(cut.firstKept().body()).isInstanceOf(Entry.Assistant.class);
            assertThat(((Entry.Assistant) cut.firstKept().body()).toolCalls()).isNotEmpty();
            int at = path.indexOf(cut.firstKept());
            assertThat(path.subList(at, path.size()).stream().mapToLong(e -> CutPoint.tokens(counter, e.body()))
                    .sum()).isBetween(250L, 500L);
            assertThat(cut.summarised()).hasSize(at);
        }

        @Test
        void matches_reused_call_ids_as_the_history_does() {
            List<Entry> path = append(user(words(100, "u")), calls("call_0"), result("call_0", words(100, "first")),
                    calls("call_0"), result("call_0", words(100, "second")));
            assertThat(cut(100).orElseThrow().firstKept()).isEqualTo(path.get(3));
        }

        @Test
        void treats_a_call_without_result_as_closed() {
            List<Entry> path = append(user(words(100, "u")), calls("lost"), user(words(100, "again")), answer("ok"));
            assertThat(cut(50).orElseThrow().firstKept()).isEqualTo(path.get(2));
        }
    }

    @Nested
    class Rolling {
        @Test
        void takes_in_the_earlier_summary_and_only_the_entries_it_kept_or_that_came_after() {
            List<Entry> old = append(user(words(100, "ancient")), answer(words(100, "ancient")),
                    user(words(100, "kept")), answer(words(100, "kept")));
            store.append(id, new Entry.CompactionSummary("the summary so far", old.get(2).id()));
            store.append(id, new Entry.Note("model switched"));
            List<Entry> path = append(user(words(100, "new")), answer(words(100, "new")));
            CutPoint.Cut cut = cut(150).orElseThrow();
            assertThat(cut.previousSummary()).contains("the summary so far");
            assertThat(cut.summarised()).containsExactly(old.get(2), old.get(3));
            assertThat(cut.firstKept()).isEqualTo(path.get(6));
        }

        @Test
        void finds_nothing_new_when_only_the_kept_entries_remain_beyond_the_tail() {
            List<Entry> old = append(user(words(100, "ancient")), user(words(100, "kept")));
            store.append(id, new Entry.CompactionSummary("summary", old.get(1).id()));
            append(answer(words(100, "reply")));
            assertThat(cut(150)).isEmpty();
        }
    }
}
