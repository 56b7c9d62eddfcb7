package dev.jclaw.core.compaction;

import static dev.jclaw.core.compaction.Conversations.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.compaction.CompactionOutcome.Compacted;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A 200-turn conversation under a small budget, compacted whenever it would exceed it, with a forgetful model. */
class LongConversationTest {
    static final int BUDGET = 2_000;
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionId id = store.current(new SessionKey("cli:alice")).id();
    final WordCounter counter = new WordCounter();
    final AtomicInteger summaries = new AtomicInteger();
    // the model never repeats an identifier: only the safety net can keep them
    final ScriptedModel model = new ScriptedModel().always(text -> "Work on the service went on; summary "
            + summaries.incrementAndGet() + ".");
    final Compactor compactor = new Compactor(model, counter, new CompactionSettings(300, 1_500, 300));

    static String path(int turn) {
        return "/srv/app/module-" + turn + "/config.yml";
    }

    static String ticket(int turn) {
        return "OPS-" + turn;
    }

    static String hash(int turn) {
        return String.format("c0ffee%02x", turn);
    }

    void turn(int t) {
        store.append(id, new Entry.User("turn " + t + ": check " + path(t) + " for ticket " + ticket(t) + " "
                + words(30, "please")));
        // providers that number calls per step reuse call_0 in every turn
        store.append(id, new Entry.Assistant("", "", List.of(new ToolCall("call_0", "read",
                "{\"path\":\"" + path(t) + "\"}")), false));
        store.append(id, new Entry.ToolOutput("call_0", "read", words(40, "line") + " last commit " + hash(t),
                false));
        store.append(id, new Entry.Assistant("done with " + ticket(t) + " " + words(20, "fine"), "", List.of(),
                false));
    }

    @Test
    void stays_within_budget_and_keeps_the_identifiers_of_early_turns() {
        List<Integer> afterCompaction = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            turn(t);
            int tokens = HistoryTokens.count(counter, store.path(id));
            if (CompactionPolicy.needed(tokens, BUDGET)) {
                CompactionOutcome outcome = compactor.compact(store, id, "m", Trigger.BUDGET, "");
                assertThat(outcome).isInstanceOf(Compacted.class);
                tokens = HistoryTokens.count(counter, store.path(id));
                assertThat(((Compacted) outcome).tokensAfter()).isEqualTo(tokens);
                afterCompaction.add(tokens);
            }
            assertThat(tokens).as("history after turn %d", t).isLessThanOrEqualTo(BUDGET);
        }
        assertThat(afterCompaction).hasSizeGreaterThanOrEqualTo(10);

        List<ChatMessage> seen = Histories.messages(store.path(id));
        String summary = ((ChatMessage.User) seen.getFirst()).text();
        assertThat(summary).startsWith(Histories.SUMMARY_HEADING + "\nWork on the service went on; summary "
                + summaries.get() + ".");
        String lastRequest = ScriptedModel.userText(model.requests().getLast());
        for (int t = 0; t < 10; t++) {
            assertThat(summary).contains(path(t) + ",", ticket(t) + ",", hash(t));
            assertThat(lastRequest).contains(path(t), ticket(t) + ",", hash(t));
        }
        assertThat(summary.lines()).hasSize(4);
        assertThat(summary.lines().toList().getLast()).startsWith(Identifiers.HEADING)
                .hasSizeLessThanOrEqualTo(Compactor.MAX_IDENTIFIER_CHARS);
        // the tail the model reads is well-formed: every call still has its own result
        for (int i = 0; i < seen.size(); i++) {
            if (seen.get(i) instanceof ChatMessage.Assistant a && !a.toolCalls().isEmpty()) {
                assertThat(seen.get(i + 1)).isInstanceOf(ChatMessage.ToolResult.class);
                assertThat(((ChatMessage.ToolResult) seen.get(i + 1)).content()).isNotEqualTo(Histories.INTERRUPTED);
            }
        }
        System.out.printf("200 turns: %d compactions, %d model calls, history after compaction %s tokens%n",
                afterCompaction.size(), model.requests().size(), afterCompaction.stream().mapToInt(i -> i)
                        .summaryStatistics());
    }
}
