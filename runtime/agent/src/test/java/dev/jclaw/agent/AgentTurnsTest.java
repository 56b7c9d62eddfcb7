package dev.jclaw.agent;

import dev.jclaw.agent.TestAgents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.testkit.PluginJarBuilder;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turns end to end: the real loop, the openai-java adapter, a fake model server on a socket, real plugin tools. */
class AgentTurnsTest {
    @TempDir
    Path home;
    FakeModelServer model;
    PluginHost host;
    AgentRuntime runtime;
    SessionStore sessions;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        testTools(plugins);
        Map<String, String> env = new HashMap<>();
        env.put("JCLAW_HOME", home.toString());
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("JCLAW_MODEL", "fake-1");
        env.put("JCLAW_AGENT_TOOL_TIMEOUT_SECONDS", "5");
        JClawConfig config = ConfigLoader.builder().workingDir(home).environment(env).build().load();
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
        host.start();
        sessions = JdbcSessionStore.h2(config.dataDir());
        runtime = TestAgents.runtime(config, host, sessions);
    }

    @AfterEach
    void tearDown() {
        sessions.close();
        host.close();
        model.close();
    }

    /** A plugin with: echo (read), slow (read, sleeps 30 s), note (write, appends to notes.txt), flood (50 MB). */
    static void testTools(Path plugins) {
        PluginJarBuilder.plugin("test-tools", "1.0")
                .source("module-info.java", "module test.tools { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with test.tools.Tools; }")
                .source("test/tools/Tools.java", """
                        package test.tools;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.nio.file.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            record T(String name, ToolClass toolClass, Body body) implements Tool {
                                public String description() { return name + " for tests"; }
                                public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                public ToolResult execute(ToolContext ctx) throws Exception { return body.run(ctx); }
                            }
                            interface Body { ToolResult run(ToolContext ctx) throws Exception; }
                            public List<Tool> tools(PluginContext context) {
                                return List.of(
                                    new T("echo", ToolClass.READ, ctx -> ToolResult.ok("echo " + ctx.arguments())),
                                    new T("slow", ToolClass.READ, ctx -> { Thread.sleep(30_000); return ToolResult.ok("late"); }),
                                    new T("note", ToolClass.WRITE, ctx -> {
                                        Files.writeString(ctx.workspace().resolve("notes.txt"),
                                                ctx.arguments().string("text"), StandardOpenOption.CREATE,
                                                StandardOpenOption.APPEND);
                                        return ToolResult.ok("noted");
                                    }),
                                    new T("flood", ToolClass.READ, ctx -> ToolResult.ok("A".repeat(50_000_000))));
                            }
                        }
                        """)
                .build(plugins.resolve("test-tools.jar"));
    }

    Conversation conversation(ApprovalPolicy policy) throws Exception {
        return runtime.conversation("test:alice", new AgentRuntime.Options("", null, policy));
    }

    AgentEvent send(Conversation c, String text, Approver approver) throws Exception {
        return c.send(text, events::add, approver).end().get(30, TimeUnit.SECONDS);
    }

    static String lastToolContent(FakeModelServer.Recorded request) {
        return request.toolResults().getLast();
    }

    @Nested
    class Answers {
        @Test
        void answers_with_text_streamed_as_deltas() throws Exception {
            model.enqueue(Reply.text("Hello Alice").chunks(3).usage(50, 3, 40));
            AgentEvent end = send(conversation(ApprovalPolicy.NEVER), "hi", Approver.DENY_ALL);
            assertThat(end).isEqualTo(new AgentEvent.Done("Hello Alice",
                    new dev.jclaw.core.model.Usage(50, 3, 40, 0), 1));
            assertThat(events).filteredOn(AgentEvent.TextDelta.class::isInstance).hasSizeGreaterThan(1);
            assertThat(model.problems()).isEmpty();
        }

        @Test
        void runs_a_tool_call_and_answers_with_its_result() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "echo", "{\"x\": 1}"), Reply.text("The echo said hi"));
            Conversation c = conversation(ApprovalPolicy.NEVER);
            AgentEvent end = send(c, "use echo", Approver.DENY_ALL);
            assertThat(end).isInstanceOf(AgentEvent.Done.class);
            assertThat(lastToolContent(model.requests().get(1))).isEqualTo("echo {\"x\":1}");
            assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(AgentEvent.ToolStarted.class));
            model.enqueue(Reply.text("again"));
            send(c, "and now?", Approver.DENY_ALL);
            assertThat(model.requests().get(2).messages()).extracting(m -> m.string("role"))
                    .containsExactly("system", "user", "assistant", "tool", "assistant", "user", "system");
            assertThat(model.problems()).isEmpty();
        }

        @Test
        void runs_parallel_calls_and_caps_a_flood_of_output() throws Exception {
            model.enqueue(Reply.toolCalls().call("a", "echo", "{}").call("b", "flood", "{}"), Reply.text("ok"));
            send(conversation(ApprovalPolicy.NEVER), "go", Approver.DENY_ALL);
            String flood = lastToolContent(model.requests().get(1));
            assertThat(flood.length()).isLessThan(31_000);
            assertThat(flood).contains("characters cut");
        }
    }

    @Nested
    class HostileModels {
        @Test
        void tells_the_model_its_tool_call_json_is_malformed_and_goes_on() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "echo", "{\"x\": "), Reply.text("sorry"));
            AgentEvent end = send(conversation(ApprovalPolicy.NEVER), "go", Approver.DENY_ALL);
            assertThat(end).isInstanceOf(AgentEvent.Done.class);
            assertThat(lastToolContent(model.requests().get(1))).startsWith("Error: the arguments of echo are not");
        }

        @Test
        void stops_a_model_that_keeps_calling_tools_that_do_not_exist() throws Exception {
            model.otherwise(body -> Reply.toolCalls().call("x", "server:nope", "{}"));
            AgentEvent end = send(conversation(ApprovalPolicy.NEVER), "go", Approver.DENY_ALL);
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class,
                    f -> assertThat(f.reason()).isEqualTo(TurnFailure.UNKNOWN_TOOL_LOOP));
            assertThat(model.requests()).hasSize(3);
            assertThat(lastToolContent(model.requests().get(1)))
                    .startsWith("Error: there is no tool named 'server:nope'; the tools are: echo, flood, note, slow");
        }

        @Test
        void reports_a_stream_cut_midway_in_one_sentence() throws Exception {
            model.enqueue(Reply.text("I will now explain everything in detail").chunks(8).cutOff());
            AgentEvent end = send(conversation(ApprovalPolicy.NEVER), "go", Approver.DENY_ALL);
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class, f -> {
                assertThat(f.reason()).isEqualTo(TurnFailure.BAD_RESPONSE);
                assertThat(f.message()).contains("cut off").doesNotContain("\n");
                assertThat(f.partialAnswer()).isNotEmpty();
            });
        }

        @Test
        void retries_after_a_rate_limit_and_then_answers() throws Exception {
            model.enqueue(Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}").header("Retry-After", "0"),
                    Reply.text("made it"));
            AgentEvent end = send(conversation(ApprovalPolicy.NEVER), "go", Approver.DENY_ALL);
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Done.class,
                    d -> assertThat(d.answer()).isEqualTo("made it"));
            assertThat(model.requests()).hasSize(2);
        }
    }

    @Nested
    class Hooks {
        @Test
        void a_runtime_hook_steers_through_the_turn_context_and_blocks_a_call() throws Exception {
            runtime.addRuntimeHook(new Hook() {
                @Override
                public String beforePromptBuild(TurnContext turn) {
                    return "steering: answer in French";
                }

                @Override
                public HookVerdict beforeToolCall(ToolCallContext call) {
                    return call.toolName().equals("note") ? new HookVerdict.Block("notes are read-only today")
                            : HookVerdict.PROCEED;
                }
            });
            model.enqueue(Reply.toolCalls().call("c1", "note", "{\"text\": \"hi\"}"), Reply.text("d'accord"));
            Conversation c = conversation(ApprovalPolicy.NEVER);
            send(c, "note hi", Approver.DENY_ALL);
            List<JsonObject> first = model.requests().get(0).messages();
            assertThat(first).extracting(m -> m.string("role")).containsExactly("system", "user", "system");
            assertThat(first.get(2).string("content")).startsWith("<turn_context>\ntime: ")
                    .contains("; session: " + c.sessionId()).contains("\nsteering: answer in French\n")
                    .endsWith("</turn_context>");
            assertThat(c.workspace().resolve("notes.txt")).doesNotExist();
            assertThat(lastToolContent(model.requests().get(1))).isEqualTo("Denied: notes are read-only today");
            assertThat(model.problems()).isEmpty();
        }
    }

    @Nested
    class Control {
        @Test
        void aborts_during_a_tool_call_promptly() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "slow", "{}"));
            Conversation c = conversation(ApprovalPolicy.NEVER);
            Conversation.Pending turn = c.send("go", events::add, Approver.DENY_ALL);
            while (events.stream().noneMatch(AgentEvent.ToolStarted.class::isInstance)) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            turn.abort();
            AgentEvent end = turn.end().get(10, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class,
                    f -> assertThat(f.reason()).isEqualTo(TurnFailure.ABORTED));
            model.enqueue(Reply.text("fresh"));
            send(c, "again", Approver.DENY_ALL);
            assertThat(model.problems()).as("the aborted call has a result in the history").isEmpty();
        }

        @Test
        void queues_a_second_message_to_a_busy_session_and_reports_its_place() throws Exception {
            model.enqueue(Reply.text("first").delay(Duration.ofMillis(500)), Reply.text("second"));
            Conversation c = conversation(ApprovalPolicy.NEVER);
            List<AgentEvent> second = new CopyOnWriteArrayList<>();
            Conversation.Pending one = c.send("one", events::add, Approver.DENY_ALL);
            Thread.sleep(100);
            Conversation.Pending two = c.send("two", second::add, Approver.DENY_ALL);
            assertThat(one.end().get(10, TimeUnit.SECONDS)).isInstanceOf(AgentEvent.Done.class);
            assertThat(two.end().get(10, TimeUnit.SECONDS)).isInstanceOf(AgentEvent.Done.class);
            assertThat(second.getFirst()).isEqualTo(new AgentEvent.Queued(1));
            assertThat(model.requests().get(1).messages()).extracting(m -> m.string("role"))
                    .containsExactly("system", "user", "assistant", "user", "system");
        }

        @Test
        void asks_before_a_write_and_refuses_when_nobody_agrees() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "note", "{\"text\": \"hi\"}"), Reply.text("could not"));
            Conversation c = conversation(ApprovalPolicy.WRITES);
            send(c, "note hi", Approver.DENY_ALL);
            assertThat(c.workspace().resolve("notes.txt")).doesNotExist();
            assertThat(lastToolContent(model.requests().get(1))).startsWith("Denied:");
            model.enqueue(Reply.toolCalls().call("c2", "note", "{\"text\": \"hi\"}"), Reply.text("done"));
            send(c, "note hi", request -> true);
            assertThat(c.workspace().resolve("notes.txt")).hasContent("hi");
        }
    }

    @Nested
    class ManyConversations {
        @Test
        void keeps_a_bounded_number_open_and_reopens_one_let_go_with_its_history() throws Exception {
            model.enqueue(Reply.text("first answer"));
            Conversation first = runtime.conversation("test:first", new AgentRuntime.Options("", null,
                    ApprovalPolicy.NEVER));
            send(first, "remember me", Approver.DENY_ALL);
            for (int i = 0; i < AgentRuntime.MAX_OPEN + 10; i++) {
                runtime.conversation("test:n" + i, new AgentRuntime.Options("", null, ApprovalPolicy.NEVER));
            }
            assertThat(runtime.openConversations()).isLessThanOrEqualTo(AgentRuntime.MAX_OPEN);

            Conversation again = runtime.conversation("test:first", new AgentRuntime.Options("", null,
                    ApprovalPolicy.NEVER));
            assertThat(again).as("let go as the least recently used").isNotSameAs(first);
            model.enqueue(Reply.text("second answer"));
            send(again, "and now?", Approver.DENY_ALL);
            assertThat(model.requests().getLast().messages()).extracting(m -> m.string("role"))
                    .containsExactly("system", "user", "assistant", "user", "system");
        }
    }
}
