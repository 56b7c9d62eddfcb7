package dev.jclaw.core.compaction;

import static dev.jclaw.core.compaction.Conversations.answer;
import static dev.jclaw.core.compaction.Conversations.user;
import static dev.jclaw.core.compaction.Conversations.words;
import static dev.jclaw.core.compaction.ScriptedModel.blocks;
import static dev.jclaw.core.compaction.ScriptedModel.fails;
import static dev.jclaw.core.compaction.ScriptedModel.says;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.compaction.CompactionOutcome.Compacted;
import dev.jclaw.core.compaction.CompactionOutcome.Failed;
import dev.jclaw.core.compaction.CompactionOutcome.Skipped;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompactorFailureTest {
    final InMemorySessionStore store = new InMemorySessionStore();
    final SessionId id = store.current(new SessionKey("cli:alice")).id();
    final ScriptedModel model = new ScriptedModel();
    // chunks of 250 words: the six turns below are summarised in two requests
    final Compactor compactor = new Compactor(model, new WordCounter(), new CompactionSettings(150, 250, 100));

    List<Entry> sixTurns(SessionId session) {
        for (String topic : List.of("alpha", "beta", "gamma")) {
            store.append(session, user(words(100, topic)));
            store.append(session, answer(words(100, topic)));
        }
        return store.path(session);
    }

    CompactionOutcome compact(SessionId session) {
        return compactor.compact(store, session, "m", Trigger.BUDGET, "");
    }

    /** Runs a compaction on a virtual thread; the result also tells whether the interrupt flag was set after it. */
    CompletableFuture<Object[]> inBackground(SessionId session) {
        CompletableFuture<Object[]> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> done.complete(new Object[] {compact(session),
                Thread.currentThread().isInterrupted()}));
        return done;
    }

    @Nested
    class Rollback {
        @Test
        void a_model_error_in_the_second_chunk_writes_nothing() {
            List<Entry> before = sixTurns(id);
            model.then(says("part one summary"), fails(ModelException.Kind.SERVER, "the provider answered 502"));
            CompactionOutcome outcome = compact(id);
            assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(CompactionOutcome.MODEL_ERROR);
                assertThat(f.message()).contains("server", "the provider answered 502");
            });
            assertThat(model.requests()).hasSize(2);
            assertThat(store.path(id)).isEqualTo(before);
        }

        @Test
        void an_empty_summary_writes_nothing_and_stops_asking() {
            List<Entry> before = sixTurns(id);
            model.then(says(" \n\t "));
            assertThat(compact(id)).isEqualTo(new Failed(CompactionOutcome.EMPTY_SUMMARY,
                    "the model gave an empty summary; the history was left as it was"));
            assertThat(model.requests()).hasSize(1);
            assertThat(store.path(id)).isEqualTo(before);
        }

        @Test
        void an_interrupt_during_the_model_call_aborts_and_keeps_the_flag() throws Exception {
            List<Entry> before = sixTurns(id);
            CountDownLatch started = new CountDownLatch(1);
            model.then(blocks(started));
            CompletableFuture<Thread> thread = new CompletableFuture<>();
            CompletableFuture<Object[]> done = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                thread.complete(Thread.currentThread());
                done.complete(new Object[] {compact(id), Thread.currentThread().isInterrupted()});
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            thread.get().interrupt();
            Object[] result = done.get(10, TimeUnit.SECONDS);
            assertThat(((Failed) result[0]).reason()).isEqualTo(CompactionOutcome.ABORTED);
            assertThat(result[1]).isEqualTo(true);
            assertThat(store.path(id)).isEqualTo(before);
        }

        @Test
        void an_interrupted_thread_makes_no_request() {
            sixTurns(id);
            Thread.currentThread().interrupt();
            try {
                assertThat(((Failed) compact(id)).reason()).isEqualTo(CompactionOutcome.ABORTED);
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(model.requests()).isEmpty();
        }

        @Test
        void a_store_that_fails_to_write_leaves_the_history_as_it_was() {
            List<Entry> before = sixTurns(id);
            FailingStore failing = new FailingStore(store);
            model.then(says("one"), says("two"));
            CompactionOutcome outcome = compactor.compact(failing, id, "m", Trigger.COMMAND, "");
            assertThat(outcome).isInstanceOfSatisfying(Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(CompactionOutcome.STORE_ERROR);
                assertThat(f.message()).contains("disk full");
            });
            assertThat(store.path(id)).isEqualTo(before);
        }

        @Test
        void a_branch_moved_during_the_summary_is_reported_as_a_store_error() {
            List<Entry> before = sixTurns(id);
            model.then(says("one"), request -> {
                store.moveLeaf(id, before.get(1).id());
                return "two";
            });
            assertThat(((Failed) compact(id)).reason()).isEqualTo(CompactionOutcome.STORE_ERROR);
            assertThat(store.path(id)).isEqualTo(before.subList(0, 2));
        }
    }

    @Nested
    class Concurrency {
        @Test
        void a_second_compaction_of_the_same_session_is_skipped_at_once() throws Exception {
            sixTurns(id);
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            model.then(request -> {
                started.countDown();
                release.await();
                return "first half";
            }, says("second half"));
            CompletableFuture<Object[]> first = inBackground(id);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            long start = System.nanoTime();
            assertThat(compact(id)).isEqualTo(new Skipped(CompactionOutcome.ALREADY_RUNNING));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)[0]).isInstanceOf(Compacted.class);
            assertThat(compact(id)).isEqualTo(new Skipped(CompactionOutcome.NOTHING_TO_COMPACT));
            assertThat(store.path(id).stream().filter(e -> e.body() instanceof Entry.CompactionSummary)).hasSize(1);
        }

        @Test
        void different_sessions_compact_at_the_same_time() throws Exception {
            SessionId other = store.current(new SessionKey("cli:bob")).id();
            sixTurns(id);
            sixTurns(other);
            CountDownLatch bothInside = new CountDownLatch(2);
            model.always(text -> {
                bothInside.countDown();
                try {
                    return bothInside.await(10, TimeUnit.SECONDS) ? "summary" : "";
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<Object[]> a = inBackground(id);
            CompletableFuture<Object[]> b = inBackground(other);
            assertThat(a.get(20, TimeUnit.SECONDS)[0]).isInstanceOf(Compacted.class);
            assertThat(b.get(20, TimeUnit.SECONDS)[0]).isInstanceOf(Compacted.class);
        }
    }

    @Nested
    class HostileInput {
        @Test
        void a_huge_focus_with_control_characters_reaches_the_model_as_one_short_line() {
            sixTurns(id);
            model.then(says("one"), says("two"));
            String focus = "\u0000\u001b[31mred\r\n".repeat(1_000_000);
            assertThat(compactor.compact(store, id, "m", Trigger.COMMAND, focus)).isInstanceOf(Compacted.class);
            String system = model.requests().getFirst().systemPrompt();
            String line = system.substring(system.indexOf("focus on: ") + 10, system.indexOf('\n',
                    system.indexOf("focus on: ")));
            assertThat(line).hasSizeLessThanOrEqualTo(SummaryPrompt.MAX_FOCUS_CHARS).startsWith("[31mred [31mred")
                    .doesNotContain("\u0000", "\u001b", "\r");
        }

        @Test
        void an_unknown_session_is_refused_by_name() {
            SessionId unknown = SessionId.random();
            for (int attempt = 0; attempt < 2; attempt++) {
                // the second attempt is refused the same way: the first released the session's lock
                assertThatThrownBy(() -> compact(unknown)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining(unknown.value());
            }
        }

        @Test
        void a_short_history_is_left_alone_without_asking_the_model() {
            store.append(id, user("hi"));
            store.append(id, answer("hello"));
            assertThat(compact(id)).isEqualTo(new Skipped(CompactionOutcome.NOTHING_TO_COMPACT));
            assertThat(model.requests()).isEmpty();
        }
    }
}
