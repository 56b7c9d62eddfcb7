package dev.jclaw.core.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ModelReply;
import dev.jclaw.api.hook.SessionContext;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HookChainTest {
    static final TurnContext TURN = new TurnContext("test:me", "s1", "hello");
    final RecordingLog log = new RecordingLog();

    HookChain chain(RegisteredHook... hooks) {
        List<RegisteredHook> list = List.of(hooks);
        return new HookChain(() -> list, Duration.ofMillis(300), log);
    }

    static Hook says(int priority, String text) {
        return new Hook() {
            @Override
            public int priority() {
                return priority;
            }

            @Override
            public String beforePromptBuild(TurnContext turn) {
                return text;
            }
        };
    }

    static ToolCallContext bash(String command) {
        return new ToolCallContext(TURN, "bash", JsonObject.builder().put("command", command).build());
    }

    @Nested
    class Order {
        @Test
        void runs_hooks_by_priority_and_keeps_registration_order_among_equals() throws Exception {
            HookChain chain = chain(new RegisteredHook("late", says(200, "late")),
                    new RegisteredHook("a", says(100, "a")), RegisteredHook.runtime(says(10, "first")),
                    new RegisteredHook("b", says(100, "b")), new RegisteredHook("plain", new Hook() {
                        @Override
                        public String beforePromptBuild(TurnContext turn) {
                            return "default";
                        }
                    }));
            assertThat(chain.beforePromptBuild(TURN)).isEqualTo("first\na\nb\ndefault\nlate");
        }

        @Test
        void takes_a_swapped_set_of_hooks_at_the_next_hook_point_and_reads_priorities_once_per_set()
                throws Exception {
            AtomicInteger asked = new AtomicInteger();
            Hook counted = new Hook() {
                @Override
                public int priority() {
                    asked.incrementAndGet();
                    return 5;
                }

                @Override
                public String beforePromptBuild(TurnContext turn) {
                    return "new";
                }
            };
            AtomicReference<List<RegisteredHook>> current =
                    new AtomicReference<>(List.of(new RegisteredHook("old", says(100, "old"))));
            HookChain chain = new HookChain(current::get, Duration.ofSeconds(1), log);
            assertThat(chain.beforePromptBuild(TURN)).isEqualTo("old");
            current.set(List.of(new RegisteredHook("old", says(100, "old")), new RegisteredHook("new", counted)));
            assertThat(chain.beforePromptBuild(TURN)).isEqualTo("new\nold");
            assertThat(chain.beforePromptBuild(TURN)).isEqualTo("new\nold");
            assertThat(asked).hasValue(1);
            current.set(List.of());
            assertThat(chain.beforePromptBuild(TURN)).isEmpty();
            assertThat(chain.hooks()).isEmpty();
        }

        @Test
        void places_a_hook_whose_priority_throws_at_the_default() throws Exception {
            Hook broken = new Hook() {
                @Override
                public int priority() {
                    throw new IllegalStateException("no idea");
                }

                @Override
                public String beforePromptBuild(TurnContext turn) {
                    return "broken";
                }
            };
            HookChain chain = chain(new RegisteredHook("x", says(150, "after")), new RegisteredHook("b", broken),
                    new RegisteredHook("y", says(50, "before")));
            assertThat(chain.beforePromptBuild(TURN)).isEqualTo("before\nbroken\nafter");
            assertThat(log.lines).anySatisfy(l -> assertThat(l).contains("plugin 'b'").contains("priority"));
        }
    }

    @Nested
    class Failures {
        @Test
        void skips_a_hook_that_throws_and_logs_its_plugin_and_point() throws Exception {
            HookChain chain = chain(new RegisteredHook("bad", new Hook() {
                @Override
                public String beforePromptBuild(TurnContext turn) {
                    throw new IllegalStateException("kaput");
                }
            }), new RegisteredHook("good", says(100, "still here")));
            assertThat(chain.beforePromptBuild(TURN)).isEqualTo("still here");
            assertThat(log.lines).singleElement().satisfies(l -> assertThat(l).startsWith("WARNING")
                    .contains("plugin 'bad'").contains("beforePromptBuild").contains("kaput"));
        }

        @Test
        void skips_a_hook_that_throws_an_error_too() throws Exception {
            HookChain chain = chain(new RegisteredHook("deep", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    throw new StackOverflowError();
                }
            }));
            assertThat(chain.beforeToolCall(bash("ls"))).isEqualTo(HookVerdict.PROCEED);
            assertThat(log.lines).singleElement().satisfies(l -> assertThat(l).contains("plugin 'deep'"));
        }

        @Test
        void skips_a_hook_that_overruns_its_deadline_and_interrupts_it() throws Exception {
            CountDownLatch interrupted = new CountDownLatch(1);
            HookChain chain = chain(new RegisteredHook("slow", new Hook() {
                @Override
                public void onTurnStart(TurnContext turn) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                }
            }));
            long start = System.nanoTime();
            chain.onTurnStart(TURN);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 700));
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(log.lines).singleElement().satisfies(l -> assertThat(l).contains("plugin 'slow'")
                    .contains("overran its 300 ms deadline").contains("onTurnStart"));
        }

        @Test
        void abandons_a_hook_that_ignores_interrupts_and_goes_on() throws Exception {
            AtomicBoolean release = new AtomicBoolean();
            HookChain chain = chain(new RegisteredHook("stubborn", new Hook() {
                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    while (!release.get()) {
                        Thread.onSpinWait();
                    }
                    return ToolResult.ok("too late");
                }
            }), new RegisteredHook("next", new Hook() {
                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    return ToolResult.ok(((ToolResult.Ok) finished.result()).content() + " checked");
                }
            }));
            try {
                long start = System.nanoTime();
                ToolResult result = chain.afterToolCall(bash("ls").finished(ToolResult.ok("files")));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 700));
                assertThat(result).isEqualTo(ToolResult.ok("files checked"));
            } finally {
                release.set(true);
            }
        }

        @Test
        void skips_a_hook_that_returns_null() throws Exception {
            HookChain chain = chain(new RegisteredHook("nil", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    return null;
                }

                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    return null;
                }
            }));
            assertThat(chain.beforeToolCall(bash("ls"))).isEqualTo(HookVerdict.PROCEED);
            assertThat(chain.afterToolCall(bash("ls").finished(ToolResult.ok("x")))).isEqualTo(ToolResult.ok("x"));
            assertThat(log.lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("returned nothing"));
        }

        @Test
        void names_the_runtime_when_one_of_its_hooks_fails() throws Exception {
            chain(RegisteredHook.runtime(new Hook() {
                @Override
                public void afterModelResponse(TurnContext turn, ModelReply reply) {
                    throw new IllegalArgumentException("oops");
                }
            })).afterModelResponse(TURN, new ModelReply("hi", List.of(), 1));
            assertThat(log.lines).singleElement().satisfies(l -> assertThat(l).contains("of the runtime")
                    .contains("afterModelResponse"));
        }

        @Test
        void stops_waiting_when_the_turn_is_aborted_and_interrupts_the_hook() throws Exception {
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch interrupted = new CountDownLatch(1);
            HookChain chain = new HookChain(() -> List.of(new RegisteredHook("slow", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    entered.countDown();
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return HookVerdict.PROCEED;
                }
            })), Duration.ofSeconds(30), log);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread turn = Thread.ofVirtual().start(() -> {
                try {
                    chain.beforeToolCall(bash("ls"));
                } catch (InterruptedException e) {
                    thrown.set(e);
                }
            });
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            turn.interrupt();
            turn.join(Duration.ofSeconds(5));
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
            assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
        }

        @Test
        void calls_turn_end_hooks_without_throwing_and_keeps_the_interrupt_flag() throws Exception {
            List<String> ends = new CopyOnWriteArrayList<>();
            HookChain chain = chain(new RegisteredHook("p", new Hook() {
                @Override
                public void onTurnEnd(TurnContext turn, String outcome) {
                    ends.add(outcome);
                }
            }));
            chain.onTurnEnd(TURN, "done");
            assertThat(ends).containsExactly("done");
            AtomicBoolean flagKept = new AtomicBoolean();
            Thread t = Thread.ofVirtual().start(() -> {
                Thread.currentThread().interrupt();
                chain.onTurnEnd(TURN, "aborted");
                flagKept.set(Thread.currentThread().isInterrupted());
            });
            t.join(Duration.ofSeconds(5));
            assertThat(flagKept).isTrue();
        }

        @Test
        void refuses_a_deadline_that_is_not_positive() {
            assertThatThrownBy(() -> new HookChain(List::of, Duration.ZERO, log))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class ToolCalls {
        @Test
        void lets_the_first_block_win_and_asks_no_later_hook() throws Exception {
            AtomicInteger laterAsked = new AtomicInteger();
            HookChain chain = chain(new RegisteredHook("rewrite", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    return new HookVerdict.Replace(JsonObject.builder().put("command", "ls -la").build());
                }
            }), new RegisteredHook("guard", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    return new HookVerdict.Block("no shell today");
                }
            }), new RegisteredHook("later", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    laterAsked.incrementAndGet();
                    return new HookVerdict.Block("second opinion");
                }
            }));
            assertThat(chain.beforeToolCall(bash("ls"))).isEqualTo(new HookVerdict.Block("no shell today"));
            assertThat(laterAsked).hasValue(0);
        }

        @Test
        void chains_replacements_so_each_hook_sees_the_arguments_left_before_it() throws Exception {
            List<String> seen = new CopyOnWriteArrayList<>();
            HookChain chain = chain(new RegisteredHook("one", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    seen.add(call.arguments().toJson());
                    return new HookVerdict.Replace(JsonObject.builder().put("command", "ls -1").build());
                }
            }), new RegisteredHook("watcher", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    seen.add(call.arguments().toJson());
                    return HookVerdict.PROCEED;
                }
            }), new RegisteredHook("two", new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    return new HookVerdict.Replace(JsonObject.builder()
                            .put("command", call.arguments().string("command") + " /tmp").build());
                }
            }));
            assertThat(chain.beforeToolCall(bash("ls"))).isEqualTo(
                    new HookVerdict.Replace(JsonObject.builder().put("command", "ls -1 /tmp").build()));
            assertThat(seen).containsExactly("{\"command\":\"ls\"}", "{\"command\":\"ls -1\"}");
        }

        @Test
        void proceeds_when_no_hook_objects() throws Exception {
            assertThat(chain(new RegisteredHook("quiet", says(100, ""))).beforeToolCall(bash("ls")))
                    .isEqualTo(HookVerdict.PROCEED);
            assertThat(HookChain.NONE.beforeToolCall(bash("ls"))).isEqualTo(HookVerdict.PROCEED);
        }

        @Test
        void chains_result_rewrites_so_a_redaction_holds_for_later_hooks() throws Exception {
            List<String> seenLater = new CopyOnWriteArrayList<>();
            HookChain chain = chain(new RegisteredHook("redact", new Hook() {
                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    return switch (finished.result()) {
                        case ToolResult.Ok ok -> ToolResult.ok(ok.content().replaceAll("sk-[a-z0-9]+", "sk-***"));
                        case ToolResult.Failed f -> f;
                        case ToolResult.Denied d -> d;
                    };
                }
            }), new RegisteredHook("audit", new Hook() {
                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    seenLater.add(finished.result().toString());
                    return finished.result();
                }
            }));
            ToolResult result = chain.afterToolCall(bash("env").finished(ToolResult.ok("KEY=sk-abc123 HOME=/x")));
            assertThat(result).isEqualTo(ToolResult.ok("KEY=sk-*** HOME=/x"));
            assertThat(seenLater).singleElement().asString().doesNotContain("sk-abc123");
        }
    }

    @Nested
    class PromptText {
        @Test
        void cuts_the_hooks_text_at_the_limit_and_says_how_much_was_cut() throws Exception {
            HookChain chain = chain(new RegisteredHook("a", says(1, "A".repeat(5_000))),
                    new RegisteredHook("b", says(2, "B".repeat(50_000))), new RegisteredHook("c", says(3, "C")));
            String text = chain.beforePromptBuild(TURN);
            assertThat(text).startsWith("A".repeat(5_000) + "\nB").doesNotContain("C\n")
                    .endsWith("\n[hook output cut: 47003 more characters]");
            assertThat(text.length()).isLessThan(HookChain.PROMPT_TEXT_LIMIT + 60);
        }

        @Test
        void leaves_out_blank_outputs_and_trims_the_rest() throws Exception {
            HookChain chain = chain(new RegisteredHook("a", says(1, "  \n ")),
                    new RegisteredHook("b", says(2, "\n  working memory: buy milk \n")));
            assertThat(chain.beforePromptBuild(TURN)).isEqualTo("working memory: buy milk");
        }
    }

    @Nested
    class Compaction {
        @Test
        void tells_every_hook_before_and_after_a_compaction() throws Exception {
            List<String> seen = new CopyOnWriteArrayList<>();
            Hook recording = new Hook() {
                @Override
                public void beforeCompaction(SessionContext session, String trigger) {
                    seen.add("before " + session.sessionId() + " " + trigger);
                }

                @Override
                public void afterCompaction(SessionContext session, String outcome) {
                    seen.add("after " + session.sessionId() + " " + outcome);
                }
            };
            HookChain chain = chain(new RegisteredHook("p", recording));
            chain.beforeCompaction(TURN.session(), "overflow");
            chain.afterCompaction(TURN.session(), "compacted");
            assertThat(seen).containsExactly("before s1 overflow", "after s1 compacted");
        }
    }
}
