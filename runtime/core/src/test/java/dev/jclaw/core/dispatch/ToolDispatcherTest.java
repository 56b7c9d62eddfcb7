package dev.jclaw.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.hook.HookChain;
import dev.jclaw.core.model.ToolCall;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolDispatcherTest {
    @TempDir
    Path workspace;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    ToolDispatcher.Scope scope(ApprovalPolicy policy, Approver approver) {
        return new ToolDispatcher.Scope(new TurnContext("test:me", "s1", "go"), workspace, policy, approver,
                events::add);
    }

    static ToolCall call(String id, String name, String args) {
        return new ToolCall(id, name, args);
    }

    @Nested
    class Concurrency {
        @Test
        void runs_the_reads_of_one_step_in_parallel() throws Exception {
            CountDownLatch all = new CountDownLatch(3);
            TestTools tools = new TestTools().add("r", ToolClass.READ, ctx -> {
                all.countDown();
                return all.await(5, TimeUnit.SECONDS) ? ToolResult.ok("met") : ToolResult.ok("alone");
            });
            var outcomes = new ToolDispatcher(tools, Duration.ofSeconds(10), new OutputLimit(1000))
                    .dispatch(List.of(call("1", "r", "{}"), call("2", "r", "{}"), call("3", "r", "{}")),
                            scope(ApprovalPolicy.NEVER, Approver.DENY_ALL));
            assertThat(outcomes).extracting(o -> o.result()).containsOnly(ToolResult.ok("met"));
            assertThat(outcomes).extracting(o -> o.call().id()).containsExactly("1", "2", "3");
        }

        @Test
        void runs_writes_one_after_another_in_the_models_order() throws Exception {
            AtomicInteger inside = new AtomicInteger();
            List<String> order = new CopyOnWriteArrayList<>();
            TestTools tools = new TestTools().add("w", ToolClass.WRITE, ctx -> {
                assertThat(inside.incrementAndGet()).isEqualTo(1);
                order.add(ctx.callId());
                Thread.sleep(20);
                inside.decrementAndGet();
                return ToolResult.ok("done " + ctx.callId());
            });
            new ToolDispatcher(tools, Duration.ofSeconds(10), new OutputLimit(1000))
                    .dispatch(List.of(call("a", "w", "{}"), call("b", "w", "{}"), call("c", "w", "{}")),
                            scope(ApprovalPolicy.NEVER, Approver.DENY_ALL));
            assertThat(order).containsExactly("a", "b", "c");
        }

        @Test
        void stops_a_call_that_overruns_its_deadline() throws Exception {
            TestTools tools = new TestTools().add("slow", ToolClass.READ, ctx -> {
                Thread.sleep(60_000);
                return ToolResult.ok("never");
            });
            long start = System.nanoTime();
            var outcomes = new ToolDispatcher(tools, Duration.ofMillis(200), new OutputLimit(1000))
                    .dispatch(List.of(call("1", "slow", "{}")), scope(ApprovalPolicy.NEVER, Approver.DENY_ALL));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(outcomes.getFirst().result())
                    .isEqualTo(ToolResult.failed("tool 'slow' did not finish within 0 s and was stopped"));
        }
    }

    @Nested
    class BadCalls {
        final TestTools tools = new TestTools().add("echo", ToolClass.READ,
                ctx -> ToolResult.ok(ctx.arguments().toJson()));
        final ToolDispatcher dispatcher = new ToolDispatcher(tools, Duration.ofSeconds(5), new OutputLimit(1000));

        @Test
        void tells_the_model_its_arguments_are_malformed() throws Exception {
            var outcome = dispatcher.dispatch(List.of(call("1", "echo", "{\"path\": ")),
                    scope(ApprovalPolicy.NEVER, Approver.DENY_ALL)).getFirst();
            assertThat(outcome.result()).isInstanceOf(ToolResult.Failed.class);
            assertThat(((ToolResult.Failed) outcome.result()).message())
                    .startsWith("the arguments of echo are not a valid JSON object");
            assertThat(outcome.known()).isTrue();
        }

        @Test
        void names_the_tools_there_are_when_one_does_not_exist() throws Exception {
            var outcome = dispatcher.dispatch(List.of(call("1", "mcp:echo", "{}")),
                    scope(ApprovalPolicy.NEVER, Approver.DENY_ALL)).getFirst();
            assertThat(outcome.result()).isEqualTo(
                    ToolResult.failed("there is no tool named 'mcp:echo'; the tools are: echo"));
            assertThat(outcome.known()).isFalse();
        }

        @Test
        void takes_empty_arguments_as_an_empty_object() throws Exception {
            var outcome = dispatcher.dispatch(List.of(call("1", "echo", "")),
                    scope(ApprovalPolicy.NEVER, Approver.DENY_ALL)).getFirst();
            assertThat(outcome.result()).isEqualTo(ToolResult.ok("{}"));
        }

        @Test
        void caps_a_huge_result_keeping_head_and_tail() throws Exception {
            TestTools big = new TestTools().add("big", ToolClass.READ,
                    ctx -> ToolResult.ok("HEAD" + "x".repeat(50_000_000) + "TAIL"));
            var outcome = new ToolDispatcher(big, Duration.ofSeconds(30), new OutputLimit(1000))
                    .dispatch(List.of(call("1", "big", "{}")), scope(ApprovalPolicy.NEVER, Approver.DENY_ALL))
                    .getFirst();
            String content = ((ToolResult.Ok) outcome.result()).content();
            assertThat(content).startsWith("HEAD").endsWith("TAIL").contains("characters cut").hasSizeLessThan(1100);
        }
    }

    @Nested
    class Approval {
        final AtomicInteger runs = new AtomicInteger();
        final TestTools tools = new TestTools()
                .add("write", ToolClass.WRITE, ctx -> ToolResult.ok("wrote " + runs.incrementAndGet()))
                .add("read", ToolClass.READ, ctx -> ToolResult.ok("read"));
        final ToolDispatcher dispatcher = new ToolDispatcher(tools, Duration.ofSeconds(5), new OutputLimit(1000));

        @Test
        void asks_before_a_write_and_runs_nothing_when_refused() throws Exception {
            List<Approver.ApprovalRequest> asked = new CopyOnWriteArrayList<>();
            var outcomes = dispatcher.dispatch(List.of(call("1", "write", "{\"approved\": true}"),
                    call("2", "read", "{}")), scope(ApprovalPolicy.WRITES, request -> {
                        asked.add(request);
                        return false;
                    }));
            assertThat(asked).extracting(Approver.ApprovalRequest::tool).containsExactly("write");
            assertThat(outcomes.get(0).result()).isEqualTo(new ToolResult.Denied("the user did not allow write to run"));
            assertThat(outcomes.get(1).result()).isEqualTo(ToolResult.ok("read"));
            assertThat(runs).hasValue(0);
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(AgentEvent.ApprovalRequested.class));
        }

        @Test
        void runs_a_write_the_person_allowed() throws Exception {
            var outcomes = dispatcher.dispatch(List.of(call("1", "write", "{}")),
                    scope(ApprovalPolicy.WRITES, request -> true));
            assertThat(outcomes.getFirst().result()).isEqualTo(ToolResult.ok("wrote 1"));
        }

        @Test
        void never_asks_under_the_never_policy_and_always_under_all() throws Exception {
            AtomicInteger asks = new AtomicInteger();
            dispatcher.dispatch(List.of(call("1", "write", "{}")), scope(ApprovalPolicy.NEVER, r -> {
                asks.incrementAndGet();
                return true;
            }));
            assertThat(asks).hasValue(0);
            dispatcher.dispatch(List.of(call("1", "read", "{}")), scope(ApprovalPolicy.ALL, r -> {
                asks.incrementAndGet();
                return true;
            }));
            assertThat(asks).hasValue(1);
        }
    }

    @Nested
    class OffLimits {
        @Test
        void every_call_gets_the_places_tools_keep_out_of_and_resolve_refuses_them() throws Exception {
            Files.createDirectories(workspace.resolve(".ssh"));
            Files.writeString(workspace.resolve(".ssh/id_rsa"), "KEY");
            Files.writeString(workspace.resolve("notes.md"), "milk");
            TestTools tools = new TestTools().add("read", ToolClass.READ, ctx -> {
                try {
                    return ToolResult.ok(Files.readString(ctx.resolve(ctx.arguments().string("path"))));
                } catch (IllegalArgumentException e) {
                    return ToolResult.failed(e.getMessage());
                }
            });
            var outcomes = new ToolDispatcher(tools, Duration.ofSeconds(10), new OutputLimit(1000),
                    HookChain.NONE, List.of(workspace.resolve(".ssh")))
                    .dispatch(List.of(call("1", "read", "{\"path\": \".ssh/id_rsa\"}"),
                            call("2", "read", "{\"path\": \"notes.md\"}")),
                            scope(ApprovalPolicy.NEVER, Approver.DENY_ALL));
            assertThat(outcomes.get(0).result()).isEqualTo(ToolResult.failed("path '.ssh/id_rsa' is in a place"
                    + " JClaw keeps from tools (its data directory, its configuration or a secret file such as"
                    + " ~/.ssh); work with other files"));
            assertThat(outcomes.get(1).result()).isEqualTo(ToolResult.ok("milk"));
        }
    }
}
