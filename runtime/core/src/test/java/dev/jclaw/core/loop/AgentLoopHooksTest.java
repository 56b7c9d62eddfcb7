package dev.jclaw.core.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ModelReply;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.context.ContextEngine;
import dev.jclaw.core.context.ContextSnippet;
import dev.jclaw.core.dispatch.TestTools;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.hook.HookChain;
import dev.jclaw.core.hook.RegisteredHook;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ToolCall;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop with hooks and a context engine: a scripted model, test tools, a recording transcript. */
class AgentLoopHooksTest {
    @TempDir
    Path workspace;
    final ScriptedModel model = new ScriptedModel();
    final List<String> ran = new CopyOnWriteArrayList<>();
    final TestTools tools = new TestTools()
            .add("read", ToolClass.READ, ctx -> {
                ran.add("read " + ctx.arguments().toJson());
                return ToolResult.ok("contents of " + ctx.arguments().optString("path").orElse("?"));
            })
            .add("write", ToolClass.WRITE, ctx -> {
                ran.add("write " + ctx.arguments().toJson());
                return ToolResult.ok("written");
            });
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();
    final List<String> persisted = new CopyOnWriteArrayList<>();
    final List<String> outcomes = new CopyOnWriteArrayList<>();

    final Transcript transcript = new Transcript() {
        @Override
        public void user(String text, List<ImageInput> images) {
            persisted.add("user: " + text);
        }

        @Override
        public void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial) {
            persisted.add("assistant: " + text + " " + toolCalls);
        }

        @Override
        public void toolResult(String callId, String tool, String content, boolean error) {
            persisted.add("tool: " + content);
        }
    };

    /** Records the outcome every turn ends with. */
    final Hook endRecorder = new Hook() {
        @Override
        public void onTurnEnd(TurnContext turn, String outcome) {
            outcomes.add(outcome);
        }
    };

    AgentEvent run(List<Hook> hooks, ContextEngine context, String runtimeLine, List<ChatMessage> history)
            throws Exception {
        List<RegisteredHook> registered = new ArrayList<>();
        registered.add(new RegisteredHook("recorder", endRecorder));
        hooks.forEach(h -> registered.add(new RegisteredHook("test-plugin", h)));
        List<RegisteredHook> fixed = List.copyOf(registered);
        AgentLoop loop = new AgentLoop(model, tools, TurnLimits.DEFAULT,
                new HookChain(() -> fixed, Duration.ofSeconds(2), System.getLogger("test")), context);
        Turn turn = new Turn("test:me", "s1", "m", "You are a test.", history, "hi", workspace,
                ApprovalPolicy.NEVER, Approver.DENY_ALL, transcript, runtimeLine);
        return loop.start(turn, events::add).end().get(30, TimeUnit.SECONDS);
    }

    AgentEvent run(Hook... hooks) throws Exception {
        return run(List.of(hooks), ContextEngine.NONE, "", List.of());
    }

    static ToolCall call(String id, String name, String args) {
        return new ToolCall(id, name, args);
    }

    @Nested
    class Failures {
        @Test
        void goes_on_when_every_hook_point_throws() throws Exception {
            model.calls(call("1", "read", "{\"path\":\"a\"}")).text("done");
            AgentEvent end = run(new Hook() {
                @Override
                public void onTurnStart(TurnContext turn) {
                    throw new IllegalStateException("start");
                }

                @Override
                public String beforePromptBuild(TurnContext turn) {
                    throw new IllegalStateException("prompt");
                }

                @Override
                public void afterModelResponse(TurnContext turn, ModelReply reply) {
                    throw new IllegalStateException("reply");
                }

                @Override
                public HookVerdict beforeToolCall(ToolCallContext c) {
                    throw new IllegalStateException("before");
                }

                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    throw new IllegalStateException("after");
                }

                @Override
                public void onTurnEnd(TurnContext turn, String outcome) {
                    throw new IllegalStateException("end");
                }
            });
            assertThat(end).isInstanceOf(AgentEvent.Done.class);
            assertThat(ran).containsExactly("read {\"path\":\"a\"}");
            assertThat(outcomes).containsExactly("done");
        }

        @Test
        void goes_on_without_retrieved_context_when_the_engine_fails() throws Exception {
            model.text("fine");
            AgentEvent end = run(List.of(), turn -> {
                throw new IllegalStateException("index is corrupt");
            }, "", List.of());
            assertThat(end).isInstanceOf(AgentEvent.Done.class);
            assertThat(model.requests.getFirst().messages()).containsExactly(new ChatMessage.User("hi"));
        }
    }

    @Nested
    class ToolCalls {
        @Test
        void a_blocked_call_does_not_run_and_the_model_reads_the_reason() throws Exception {
            model.calls(call("1", "write", "{\"path\":\"x\"}"), call("2", "read", "{\"path\":\"y\"}")).text("ok");
            run(new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext c) {
                    return c.toolName().equals("write") ? new HookVerdict.Block("no writes on Fridays")
                            : HookVerdict.PROCEED;
                }
            });
            assertThat(ran).containsExactly("read {\"path\":\"y\"}");
            assertThat(model.requests.get(1).messages()).contains(
                    new ChatMessage.ToolResult("1", "write", "Denied: no writes on Fridays"),
                    new ChatMessage.ToolResult("2", "read", "contents of y"));
        }

        @Test
        void a_call_runs_with_the_arguments_a_hook_rewrote_and_the_event_shows_them() throws Exception {
            model.calls(call("1", "read", "{\"path\":\"../etc/passwd\"}")).text("ok");
            run(new Hook() {
                @Override
                public HookVerdict beforeToolCall(ToolCallContext c) {
                    return new HookVerdict.Replace(JsonObject.builder().put("path", "safe.txt").build());
                }
            });
            assertThat(ran).containsExactly("read {\"path\":\"safe.txt\"}");
            assertThat(events).filteredOn(AgentEvent.ToolStarted.class::isInstance)
                    .containsExactly(new AgentEvent.ToolStarted("1", "read", "{\"path\":\"safe.txt\"}"));
        }

        @Test
        void the_model_and_the_transcript_read_the_result_a_hook_redacted() throws Exception {
            model.calls(call("1", "read", "{\"path\":\"sk-secret\"}")).text("ok");
            run(new Hook() {
                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    return finished.result() instanceof ToolResult.Ok ok
                            ? ToolResult.ok(ok.content().replace("sk-secret", "[redacted]")) : finished.result();
                }
            });
            assertThat(model.requests.get(1).messages().getLast())
                    .isEqualTo(new ChatMessage.ToolResult("1", "read", "contents of [redacted]"));
            assertThat(persisted).contains("tool: contents of [redacted]");
        }
    }

    @Nested
    class PerTurnSuffix {
        @Test
        void goes_last_in_every_request_and_is_never_persisted() throws Exception {
            model.calls(call("1", "read", "{\"path\":\"a\"}")).text("done");
            List<ChatMessage> history = List.of(new ChatMessage.User("earlier"), new ChatMessage.Assistant("yes",
                    List.of()));
            run(List.of(new Hook() {
                @Override
                public String beforePromptBuild(TurnContext turn) {
                    return "nudge: be brief";
                }
            }), turn -> List.of(new ContextSnippet("memory", "the user likes tea")), "time: 10:00; model: m",
                    history);
            String note = "<turn_context>\ntime: 10:00; model: m\nnudge: be brief\n[memory] the user likes tea\n"
                    + "</turn_context>";
            assertThat(events).filteredOn(AgentEvent.Recalled.class::isInstance)
                    .containsExactly(new AgentEvent.Recalled("memory", "the user likes tea"));
            assertThat(model.requests.getFirst().messages()).containsExactly(new ChatMessage.User("earlier"),
                    new ChatMessage.Assistant("yes", List.of()), new ChatMessage.User("hi"),
                    new ChatMessage.SystemNote(note));
            List<ChatMessage> second = model.requests.get(1).messages();
            // the second request repeats the first up to the note, then the step, then the same note again
            assertThat(second.subList(0, 3)).isEqualTo(model.requests.getFirst().messages().subList(0, 3));
            assertThat(second.getLast()).isEqualTo(new ChatMessage.SystemNote(note));
            assertThat(second).filteredOn(ChatMessage.SystemNote.class::isInstance).hasSize(1);
            assertThat(model.requests).extracting(r -> r.systemPrompt()).containsOnly("You are a test.");
            assertThat(persisted).first().isEqualTo("user: hi");
            assertThat(persisted).noneMatch(p -> p.contains("turn_context") || p.contains("nudge")
                    || p.contains("tea"));
        }

        @Test
        void is_left_out_when_there_is_nothing_to_say() throws Exception {
            model.text("hello");
            run();
            assertThat(model.requests.getFirst().messages()).containsExactly(new ChatMessage.User("hi"));
        }

        @Test
        void asks_the_context_engine_once_per_message_however_many_steps() throws Exception {
            model.calls(call("1", "read", "{}")).calls(call("2", "read", "{}")).calls(call("3", "read", "{}"))
                    .text("done");
            AtomicInteger retrievals = new AtomicInteger();
            List<Integer> steps = new CopyOnWriteArrayList<>();
            AgentEvent end = run(List.of(new Hook() {
                @Override
                public void afterModelResponse(TurnContext turn, ModelReply reply) {
                    steps.add(reply.step());
                }
            }), turn -> {
                retrievals.incrementAndGet();
                return List.of(new ContextSnippet("", "fact"));
            }, "", List.of());
            assertThat(end).isInstanceOf(AgentEvent.Done.class);
            assertThat(model.requests).hasSize(4);
            assertThat(retrievals).hasValue(1);
            assertThat(steps).containsExactly(1, 2, 3, 4);
        }
    }

    @Nested
    class Points {
        @Test
        void calls_the_points_in_turn_order() throws Exception {
            model.calls(call("1", "read", "{}")).text("done");
            List<String> order = new CopyOnWriteArrayList<>();
            run(new Hook() {
                @Override
                public void onTurnStart(TurnContext turn) {
                    order.add("start " + turn.userMessage());
                }

                @Override
                public String beforePromptBuild(TurnContext turn) {
                    order.add("prompt");
                    return "";
                }

                @Override
                public void afterModelResponse(TurnContext turn, ModelReply reply) {
                    order.add("reply " + reply.step() + " " + reply.toolCalls() + " " + reply.text());
                }

                @Override
                public HookVerdict beforeToolCall(ToolCallContext c) {
                    order.add("before " + c.toolName());
                    return HookVerdict.PROCEED;
                }

                @Override
                public ToolResult afterToolCall(ToolCallContext.Finished finished) {
                    order.add("after " + finished.call().toolName());
                    return finished.result();
                }

                @Override
                public void onTurnEnd(TurnContext turn, String outcome) {
                    order.add("end " + outcome);
                }
            });
            assertThat(order).containsExactly("start hi", "prompt", "reply 1 [read] ", "before read", "after read",
                    "reply 2 [] done", "end done");
        }

        @Test
        void ends_with_the_outcome_of_a_failed_or_aborted_turn() throws Exception {
            model.calls(call("1", "nope", "{}")).calls(call("2", "nope", "{}")).calls(call("3", "nope", "{}"));
            AgentEvent end = run();
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class,
                    f -> assertThat(f.reason()).isEqualTo(TurnFailure.UNKNOWN_TOOL_LOOP));
            assertThat(outcomes).containsExactly("failed");

            tools.add("sleep", ToolClass.READ, ctx -> {
                Thread.sleep(60_000);
                return ToolResult.ok("late");
            });
            model.calls(call("4", "sleep", "{}"));
            List<RegisteredHook> fixed = List.of(new RegisteredHook("recorder", endRecorder));
            AgentLoop loop = new AgentLoop(model, tools, TurnLimits.DEFAULT,
                    new HookChain(() -> fixed, Duration.ofSeconds(2), System.getLogger("test")), ContextEngine.NONE);
            AgentLoop.TurnHandle handle = loop.start(new Turn("test:me", "s1", "m", "", List.of(), "nap", workspace,
                    ApprovalPolicy.NEVER, Approver.DENY_ALL, transcript, ""), e -> {
                        if (e instanceof AgentEvent.ToolStarted) {
                            events.add(e);
                        }
                    });
            while (events.stream().noneMatch(AgentEvent.ToolStarted.class::isInstance)) {
                Thread.sleep(5);
            }
            handle.abort();
            assertThat(handle.end().get(10, TimeUnit.SECONDS)).isInstanceOf(AgentEvent.Failed.class);
            assertThat(outcomes).containsExactly("failed", "aborted");
        }
    }
}
