package dev.jclaw.core.compaction;

import static dev.jclaw.core.compaction.Conversations.answer;
import static dev.jclaw.core.compaction.Conversations.calls;
import static dev.jclaw.core.compaction.Conversations.result;
import static dev.jclaw.core.compaction.Conversations.user;
import static dev.jclaw.core.compaction.Conversations.words;
import static dev.jclaw.core.compaction.ScriptedModel.says;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.compaction.CompactionOutcome.Compacted;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompactorTest {
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionId id = store.current(new SessionKey("cli:alice")).id();
    final WordCounter counter = new WordCounter();
    final ScriptedModel model = new ScriptedModel();
    final Compactor compactor = new Compactor(model, counter, new CompactionSettings(150, 1_000, 100));

    void append(Entry.Body... bodies) {
        for (Entry.Body body : bodies) {
            store.append(id, body);
        }
    }

    /** Six turns of 100 words each entry; the last user message and answer make the tail. */
    List<Entry> sixTurns() {
        for (String topic : List.of("alpha", "beta", "gamma")) {
            append(user(words(100, topic + "-question")), answer(words(100, topic + "-answer")));
        }
        return store.path(id);
    }

    Compacted compacted(String focus) {
        return (Compacted) compactor.compact(store, id, "gpt-test", Trigger.BUDGET, focus);
    }

    static String userText(ModelRequest request) {
        return ScriptedModel.userText(request);
    }

    @Nested
    class Writing {
        @Test
        void keeps_the_tail_verbatim_and_shows_the_summary_first() {
            List<Entry> before = sixTurns();
            model.then(says("alpha and beta were discussed"));
            Compacted done = compacted("");
            List<Entry> after = store.path(id);
            assertThat(after).hasSize(before.size() + 1).startsWith(before.toArray(Entry[]::new));
            assertThat(after.getLast()).isEqualTo(done.summaryEntry());
            assertThat(done.summaryEntry().body()).isEqualTo(
                    new Entry.CompactionSummary("alpha and beta were discussed", before.get(4).id()));
            List<ChatMessage> seen = Histories.messages(after);
            assertThat(seen.getFirst()).isEqualTo(
                    new ChatMessage.User(Histories.SUMMARY_HEADING + "\nalpha and beta were discussed"));
            assertThat(seen.subList(1, seen.size())).isEqualTo(Histories.messages(before.subList(4, 6)));
            assertThat(done.entriesSummarised()).isEqualTo(4);
            assertThat(done.modelCalls()).isEqualTo(1);
            assertThat(done.tokensBefore()).isEqualTo(HistoryTokens.count(counter, before));
            assertThat(done.tokensAfter()).isEqualTo(HistoryTokens.count(counter, after)).isLessThan(300);
        }

        @Test
        void writes_nothing_when_the_summary_is_no_shorter_than_what_it_replaces() {
            List<Entry> before = sixTurns();
            model.then(says(words(900, "verbose")));
            assertThat(compactor.compact(store, id, "gpt-test", Trigger.COMMAND, ""))
                    .isEqualTo(new CompactionOutcome.Skipped(CompactionOutcome.NO_GAIN));
            assertThat(store.path(id)).isEqualTo(before);
        }

        @Test
        void sends_the_old_entries_but_not_the_tail_to_the_model() {
            sixTurns();
            model.then(says("summary"));
            compacted("");
            ModelRequest request = model.requests().getFirst();
            assertThat(request.model()).isEqualTo("gpt-test");
            assertThat(request.systemPrompt()).isEqualTo(SummaryPrompt.INSTRUCTIONS);
            assertThat(request.maxOutputTokens()).isEqualTo(100);
            assertThat(userText(request)).contains("[user]\nalpha-question", "[assistant]\nbeta-answer")
                    .doesNotContain("gamma");
        }

        @Test
        void passes_the_focus_to_the_model() {
            sixTurns();
            model.then(says("summary"));
            compacted("  the beta\nrelease ");
            assertThat(model.requests().getFirst().systemPrompt()).contains("focus on: the beta release\n");
        }

        @Test
        void never_separates_parallel_tool_calls_from_their_results() {
            append(user(words(80, "start")), calls("a", "b", "c"), result("c", words(40, "C")),
                    result("a", words(40, "A")), result("b", words(40, "B")), answer(words(30, "read")),
                    user(words(10, "more")), calls("d", "e"), result("e", words(60, "E")), result("d", words(60, "D")),
                    answer(words(20, "done")));
            for (int keep = 10; keep <= 300; keep += 7) {
                Compactor small = new Compactor(model, counter, new CompactionSettings(keep, 1_000, 100));
                model.then(says("summary at " + keep));
                if (small.compact(store, id, "m", Trigger.COMMAND, "") instanceof Compacted) {
                    assertWellFormed(Histories.messages(store.path(id)));
                    store.moveLeaf(id, store.path(id).get(store.path(id).size() - 2).id());
                }
            }
            assertThat(model.requests()).hasSizeGreaterThan(5);
        }

        /** Every call is followed by its results, and no result stands alone or was lost. */
        void assertWellFormed(List<ChatMessage> messages) {
            for (int i = 0; i < messages.size(); i++) {
                if (messages.get(i) instanceof ChatMessage.Assistant a) {
                    for (int j = 0; j < a.toolCalls().size(); j++) {
                        ChatMessage next = messages.get(i + 1 + j);
                        assertThat(next).isInstanceOf(ChatMessage.ToolResult.class);
                        assertThat(((ChatMessage.ToolResult) next).callId()).isEqualTo(a.toolCalls().get(j).id());
                        assertThat(((ChatMessage.ToolResult) next).content()).isNotEqualTo(Histories.INTERRUPTED);
                    }
                }
            }
            long results = messages.stream().filter(ChatMessage.ToolResult.class::isInstance).count();
            long calls = messages.stream().filter(ChatMessage.Assistant.class::isInstance)
                    .mapToLong(m -> ((ChatMessage.Assistant) m).toolCalls().size()).sum();
            assertThat(results).isEqualTo(calls);
        }
    }

    @Nested
    class Rolling {
        @Test
        void summarises_the_earlier_summary_with_what_came_after() {
            sixTurns();
            model.then(says("first summary"), says("second summary"));
            Compacted first = compacted("");
            append(user(words(100, "delta-question")), answer(words(100, "delta-answer")));
            Compacted second = compacted("");
            String sent = userText(model.requests().get(1));
            assertThat(sent).startsWith("<summary-so-far>\nfirst summary\n</summary-so-far>")
                    .contains("gamma-question", "gamma-answer").doesNotContain("alpha", "delta")
                    .endsWith("Write the updated summary.");
            assertThat(second.entriesSummarised()).isEqualTo(2);
            List<ChatMessage> seen = Histories.messages(store.path(id));
            assertThat(seen.getFirst()).isEqualTo(new ChatMessage.User(Histories.SUMMARY_HEADING + "\nsecond summary"));
            assertThat(seen).hasSize(3);
            assertThat(((Entry.CompactionSummary) second.summaryEntry().body()).firstKept())
                    .isNotEqualTo(((Entry.CompactionSummary) first.summaryEntry().body()).firstKept());
        }
    }

    @Nested
    class Chunking {
        @Test
        void summarises_a_long_history_in_chunks_each_carrying_the_running_summary() {
            for (int turn = 0; turn < 12; turn++) {
                append(user(words(100, "q" + turn)), answer(words(100, "a" + turn)));
            }
            AtomicInteger part = new AtomicInteger();
            model.always(text -> "summary after part " + part.incrementAndGet());
            Compactor chunked = new Compactor(model, counter, new CompactionSettings(150, 400, 100));
            Compacted done = (Compacted) chunked.compact(store, id, "m", Trigger.OVERFLOW, "");
            List<ModelRequest> requests = model.requests();
            assertThat(requests).hasSizeGreaterThanOrEqualTo(6);
            assertThat(done.modelCalls()).isEqualTo(requests.size());
            assertThat(userText(requests.getFirst())).doesNotContain("<summary-so-far>").contains("q0 q0");
            for (int i = 1; i < requests.size(); i++) {
                assertThat(userText(requests.get(i))).startsWith("<summary-so-far>\nsummary after part " + i + "\n")
                        .contains("part=\"" + (i + 1) + " of " + requests.size() + "\"");
                assertThat(counter.count(userText(requests.get(i)))).isLessThan(400 + 50);
            }
            assertThat(userText(requests.getLast())).contains("a10 a10").doesNotContain("q11");
            assertThat(((Entry.CompactionSummary) done.summaryEntry().body()).summary())
                    .isEqualTo("summary after part " + requests.size());
        }
    }

    @Nested
    class IdentifierSafetyNet {
        @Test
        void keeps_identifiers_from_early_turns_that_a_forgetful_model_dropped() {
            append(user("deploy https://ci.example.com/job/42 with /srv/app/config.yml for OPS-4711"),
                    new Entry.Assistant("on it", "", List.of(new dev.jclaw.core.model.ToolCall("c1", "shell",
                            "{\"cmd\":\"git show 9f8e7d6c5b\"}")), false),
                    result("c1", "error E2041 in `renderPage`"), answer("the build failed with E2041"));
            sixTurns();
            model.then(says("They deployed and the build failed with E2041."));
            Compacted done = compacted("");
            String summary = ((Entry.CompactionSummary) done.summaryEntry().body()).summary();
            assertThat(summary).startsWith("They deployed and the build failed with E2041.\n\n"
                    + Identifiers.HEADING).endsWith("https://ci.example.com/job/42, /srv/app/config.yml,"
                    + " OPS-4711, 9f8e7d6c5b, renderPage");
            assertThat(((ChatMessage.User) Histories.messages(store.path(id)).getFirst()).text())
                    .contains("OPS-4711", "9f8e7d6c5b");
        }

        @Test
        void adds_no_line_when_the_model_kept_every_identifier() {
            append(user("look at OPS-1 and /a/b.txt"), answer(words(100, "ok")));
            sixTurns();
            model.then(says("They looked at OPS-1 and /a/b.txt."));
            assertThat(((Entry.CompactionSummary) compacted("").summaryEntry().body()).summary())
                    .isEqualTo("They looked at OPS-1 and /a/b.txt.");
        }
    }
}
