package dev.jclaw.agent.command;

import dev.jclaw.agent.TestAgents;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.task.TaskCategory;
import dev.jclaw.core.task.TaskOwner;
import dev.jclaw.core.task.TaskSpec;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.Conversation;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.testkit.PluginJarBuilder;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slash commands through the real runtime: H2 sessions, a fake model on a socket, a real plugin. */
class SlashCommandsTest {
    @TempDir
    Path home;
    FakeModelServer model;
    PluginHost host;
    SessionStore sessions;
    AgentRuntime runtime;
    Conversation c;
    final List<AgentEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        PluginJarBuilder.plugin("cmds", "1.0")
                .source("module-info.java", "module test.cmds { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with test.cmds.Tools;"
                        + " provides dev.jclaw.api.command.CommandProvider with test.cmds.Commands; }")
                .source("test/cmds/Tools.java", """
                        package test.cmds;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            public List<Tool> tools(PluginContext context) {
                                return List.of(new Tool() {
                                    public String name() { return "wait"; }
                                    public String description() { return "waits a second"; }
                                    public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                    public ToolClass toolClass() { return ToolClass.READ; }
                                    public ToolResult execute(ToolContext ctx) throws Exception {
                                        Thread.sleep(1_500);
                                        return ToolResult.ok("waited");
                                    }
                                });
                            }
                        }
                        """)
                .source("test/cmds/Commands.java", """
                        package test.cmds;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.command.*;
                        import java.util.List;
                        public final class Commands implements CommandProvider {
                            record C(String name, String description, Body body) implements Command {
                                public CommandResult execute(CommandContext ctx) { return body.run(ctx); }
                            }
                            interface Body { CommandResult run(CommandContext ctx); }
                            public List<Command> commands(PluginContext context) {
                                return List.of(
                                    new C("shout", "says it loudly", ctx -> new CommandResult.Reply(
                                            ctx.arguments().toUpperCase() + " from " + ctx.sessionKey())),
                                    new C("boom", "throws", ctx -> { throw new IllegalStateException("kaput"); }),
                                    new C("hang", "never answers", ctx -> {
                                        try { Thread.sleep(60_000); } catch (InterruptedException e) { }
                                        return new CommandResult.Reply("late");
                                    }),
                                    new C("status", "shadowed by the built-in", ctx -> new CommandResult.Reply("x")));
                            }
                        }
                        """)
                .build(plugins.resolve("cmds.jar"));
        JClawConfig config = ConfigLoader.builder().workingDir(home).environment(Map.of("JCLAW_HOME", home.toString(),
                "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1")).build().load();
        host = new PluginHost(HostSettings.defaults(plugins, config.dataDir()).withWatch(false));
        host.start();
        sessions = JdbcSessionStore.h2(config.dataDir());
        runtime = TestAgents.runtime(config, host, sessions);
        c = runtime.conversation("test:alice", new AgentRuntime.Options("", null, ApprovalPolicy.NEVER));
    }

    @AfterEach
    void tearDown() {
        runtime.tasks().close();
        sessions.close();
        host.close();
        model.close();
    }

    SlashCommands.Outcome handle(String line) {
        return runtime.commands().handle(c, line);
    }

    String reply(String line) {
        SlashCommands.Outcome outcome = handle(line);
        assertThat(outcome).as(line).isInstanceOf(SlashCommands.Outcome.Handled.class);
        CommandResult result = ((SlashCommands.Outcome.Handled) outcome).result();
        assertThat(result).as(line).isInstanceOf(CommandResult.Reply.class);
        return ((CommandResult.Reply) result).text();
    }

    String failure(String line) {
        SlashCommands.Outcome outcome = handle(line);
        assertThat(outcome).as(line).isInstanceOf(SlashCommands.Outcome.Handled.class);
        CommandResult result = ((SlashCommands.Outcome.Handled) outcome).result();
        assertThat(result).as(line).isInstanceOf(CommandResult.Failed.class);
        return ((CommandResult.Failed) result).message();
    }

    AgentEvent say(String text) throws Exception {
        model.enqueue(Reply.text("ok: " + text));
        return c.send(text, events::add, Approver.DENY_ALL).end().get(30, TimeUnit.SECONDS);
    }

    /** Starts a turn that sits in the one-and-a-half-second tool, and waits until the tool runs. */
    Conversation.Pending busyTurn() throws Exception {
        model.enqueue(Reply.toolCalls().call("w1", "wait", "{}"), Reply.text("finished"));
        Conversation.Pending turn = c.send("take your time", events::add, Approver.DENY_ALL);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.stream().noneMatch(AgentEvent.ToolStarted.class::isInstance)) {
            assertThat(System.nanoTime()).as("the tool started").isLessThan(deadline);
            Thread.sleep(10);
        }
        return turn;
    }

    @Nested
    class WhatIsACommand {
        @Test
        void ordinary_text_paths_and_unknown_commands_go_to_the_model_unchanged() {
            for (String line : List.of("hello", "/etc/hosts is missing", "/frobnicate now", "/", "/ new", "/NEW",
                    "/shout" + "x".repeat(40))) {
                assertThat(handle(line)).as(line).isEqualTo(new SlashCommands.Outcome.Message(line));
            }
        }

        @Test
        void help_lists_the_built_in_and_the_plugin_commands_but_not_a_shadowed_one() {
            String help = reply("/help");
            for (String name : List.of("/new", "/reset", "/status", "/help", "/history", "/resume", "/model", "/tools",
                    "/stop", "/steer", "/btw", "/compact", "/context", "/export", "/tasks")) {
                assertThat(help).contains("  " + name);
            }
            assertThat(help).contains("/shout").contains("says it loudly (cmds)").doesNotContain("shadowed");
            // one column for every description, however long the command and its usage
            List<String> rows = help.lines().filter(l -> l.startsWith("  /")).toList();
            int column = rows.getFirst().indexOf("start a new conversation");
            assertThat(rows).hasSizeGreaterThan(15).allSatisfy(row -> {
                assertThat(row.substring(column - 2, column)).as(row).isEqualTo("  ");
                assertThat(row.charAt(column)).as(row).isNotEqualTo(' ');
            });
            assertThat(reply("/status")).contains("session key:  test:alice");
        }

        @Test
        void status_says_whether_commands_run_in_the_sandbox() {
            assertThat(reply("/status")).contains("\nsandbox:      off (the host was set up without a sandbox); "
                    + "commands run unconfined, with the server's permissions");
        }

        @Test
        void only_the_commands_that_do_not_wait_run_during_a_turn_as_a_client_without_the_registry_knows() {
            List<String> builtins = reply("/help").lines().takeWhile(l -> !l.startsWith("From plugins"))
                    .filter(l -> l.startsWith("  /")).map(l -> l.strip().split(" ")[0]).toList();
            assertThat(builtins).contains("/steer", "/stop", "/new", "/memory");
            for (String name : builtins) {
                assertThat(SlashCommands.runsDuringAnyTurn(name + " go left")).as(name)
                        .isEqualTo(runtime.commands().runsDuringTurn(name + " go left"));
            }
            assertThat(runtime.commands().runsDuringTurn("/steer go left")).isTrue();
            assertThat(SlashCommands.runsDuringAnyTurn("just text")).isFalse();
            assertThat(SlashCommands.runsDuringAnyTurn("/shout hi")).as("a plugin's command waits").isFalse();
        }
    }

    @Nested
    class Plugins {
        @Test
        void a_plugin_command_gets_its_arguments_and_the_session_key() {
            assertThat(reply("/shout hi there")).isEqualTo("HI THERE from test:alice");
        }

        @Test
        void a_plugin_command_that_throws_or_hangs_fails_in_one_sentence() {
            assertThat(failure("/boom")).isEqualTo("/boom failed: IllegalStateException: kaput");
            SlashCommands quick = new SlashCommands(List.of(), host.commands(), Duration.ofMillis(300));
            long start = System.nanoTime();
            SlashCommands.Outcome hung = quick.handle(c, "/hang");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(((SlashCommands.Outcome.Handled) hung).result())
                    .isEqualTo(new CommandResult.Failed("/hang did not answer within 0 s"));
        }
    }

    @Nested
    class Sessions {
        @Test
        void new_starts_a_conversation_and_hands_on_the_text_after_it() throws Exception {
            say("first");
            String before = c.sessionId();
            SlashCommands.Outcome outcome = handle("/new and now this");
            assertThat(((SlashCommands.Outcome.Handled) outcome).followUp()).isEqualTo("and now this");
            assertThat(c.sessionId()).isNotEqualTo(before);
            assertThat(reply("/reset")).startsWith("conversation reset");
            assertThat(c.sessions()).hasSize(3);
        }

        @Test
        void history_and_resume_go_back_to_an_earlier_conversation() throws Exception {
            say("about the cellar");
            String first = c.sessionId();
            reply("/new");
            say("about the attic");
            assertThat(reply("/history")).contains(" 1. " + c.sessionId().substring(0, 8))
                    .contains(" 2. " + first.substring(0, 8)).contains("(current)");
            assertThat(reply("/resume 2")).contains("resumed " + first.substring(0, 8))
                    .contains("you: about the cellar").contains("agent: ok: about the cellar");
            assertThat(c.sessionId()).isEqualTo(first);
            assertThat(reply("/resume " + first.substring(0, 6))).startsWith("resumed");
        }

        @Test
        void resume_refuses_bad_numbers_ids_and_hostile_text() throws Exception {
            say("x");
            assertThat(failure("/resume 7")).isEqualTo("no conversation number 7; /history lists 1");
            assertThat(failure("/resume ../../etc/passwd")).startsWith("usage: /resume");
            assertThat(failure("/resume zzzzzzzz")).startsWith("no conversation zzzzzzzz");
            assertThat(failure("/resume " + "9".repeat(500))).startsWith("usage: /resume");
        }

        @Test
        void model_lists_switches_and_refuses_names_that_are_not_names() throws Exception {
            assertThat(reply("/model")).startsWith("model: fake-1");
            assertThat(reply("/model fake-2")).isEqualTo("the next message goes to fake-2");
            say("which model?");
            assertThat(model.requests().getLast().model()).isEqualTo("fake-2");
            assertThat(failure("/model two words")).startsWith("usage: /model NAME");
            assertThat(failure("/model bad\u0007bell")).startsWith("usage: /model NAME");
            assertThat(failure("/model " + "m".repeat(300))).startsWith("usage: /model NAME");
            assertThat(reply("/status")).contains("model:        fake-2");
        }

        @Test
        void export_writes_markdown_and_json_into_the_workspace() throws Exception {
            say("export me");
            String md = reply("/export markdown");
            assertThat(md).as("user, assistant and the turn's usage")
                    .startsWith("exported 3 entries to exports/session-");
            Path file = c.workspace().resolve(md.substring(md.indexOf("exports/")));
            assertThat(Files.readString(file)).startsWith("# Conversation `" + c.sessionId() + "`")
                    .contains("## USER").contains("export me").contains("## ASSISTANT").contains("## USAGE");
            String json = reply("/export json inline");
            JsonObject parsed = Json.parseObject(json);
            assertThat(parsed.string("id")).isEqualTo(c.sessionId());
            assertThat(parsed.optArray("entries").orElseThrow().elements()).hasSize(3)
                    .last().satisfies(e -> assertThat(((JsonObject) e).string("kind")).isEqualTo("usage"));
            assertThat(c.workspace().resolve("exports")).isDirectoryNotContaining("glob:**.part");
        }

        @Test
        void export_refuses_bad_formats_and_an_exports_link_out_of_the_workspace() throws Exception {
            assertThat(failure("/export")).isEqualTo("usage: /export markdown|json [inline]");
            assertThat(failure("/export pdf")).isEqualTo("usage: /export markdown|json [inline]");
            assertThat(failure("/export json inline please")).isEqualTo("usage: /export markdown|json [inline]");
            Path outside = Files.createDirectories(home.resolve("outside"));
            Files.createSymbolicLink(c.workspace().resolve("exports"), outside);
            assertThat(failure("/export markdown")).contains("symbolic link");
            assertThat(outside).isEmptyDirectory();
        }
    }

    @Nested
    class DuringATurn {
        @Test
        void steer_reaches_the_next_model_request_of_the_running_turn() throws Exception {
            Conversation.Pending turn = busyTurn();
            assertThat(reply("/steer answer in French")).startsWith("received");
            assertThat(reply("/btw what is 2+2?")).startsWith("received");
            assertThat(turn.end().get(30, TimeUnit.SECONDS)).isInstanceOf(AgentEvent.Done.class);
            String last = model.requests().get(1).messages().stream().filter(m -> m.string("role").equals("user"))
                    .reduce((a, b) -> b).orElseThrow().string("content");
            assertThat(last).contains("<user_steer>").contains("- answer in French").contains("<user_sidebar>")
                    .contains("- what is 2+2?");
            assertThat(turn.unsteered()).isEmpty();
        }

        @Test
        void steer_without_a_turn_or_without_text_or_too_long_is_refused() throws Exception {
            assertThat(failure("/steer go left")).startsWith("no turn is running");
            assertThat(failure("/steer")).isEqualTo("usage: /steer TEXT");
            Conversation.Pending turn = busyTurn();
            assertThat(failure("/steer " + "y".repeat(5_000))).contains("too long");
            turn.end().get(30, TimeUnit.SECONDS);
        }

        @Test
        void stop_ends_the_running_turn_and_idle_only_commands_wait_for_it() throws Exception {
            Conversation.Pending turn = busyTurn();
            assertThat(failure("/new")).isEqualTo("/new cannot run during a turn: wait for the answer, or /stop it"
                    + " first");
            assertThat(failure("/compact")).startsWith("/compact cannot run during a turn");
            assertThat(reply("/status")).contains("turn:         running");
            assertThat(reply("/stop")).isEqualTo("stopping the turn");
            AgentEvent end = turn.end().get(10, TimeUnit.SECONDS);
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class,
                    f -> assertThat(f.reason()).isEqualTo(TurnFailure.ABORTED));
            assertThat(failure("/stop")).isEqualTo("no turn is running");
        }
    }

    @Nested
    class Housekeeping {
        @Test
        void compact_says_why_a_short_conversation_is_left_alone_and_refuses_an_endless_focus() throws Exception {
            List<String> points = new CopyOnWriteArrayList<>();
            runtime.addRuntimeHook(new dev.jclaw.api.hook.Hook() {
                @Override
                public void beforeCompaction(dev.jclaw.api.hook.SessionContext session, String trigger) {
                    points.add("before " + trigger + " " + session.sessionKey());
                }

                @Override
                public void afterCompaction(dev.jclaw.api.hook.SessionContext session, String outcome) {
                    points.add("after " + outcome);
                }
            });
            say("short");
            assertThat(reply("/compact keep the ids")).isEqualTo("nothing was compacted (no gain)");
            assertThat(points).containsExactly("before command test:alice", "after skipped");
            assertThat(failure("/compact " + "f".repeat(2_000))).contains("at most 1000");
        }

        @Test
        void context_shows_the_last_turn_zone_by_zone() throws Exception {
            assertThat(reply("/context")).startsWith("no turn has run");
            model.enqueue(Reply.text("big enough").usage(2_000, 30, 1_536));
            c.send("how big am I?", events::add, Approver.DENY_ALL).end().get(30, TimeUnit.SECONDS);
            assertThat(reply("/context")).startsWith("context window 128,000 tokens (counted with")
                    .contains("frozen prefix").contains("  identity").contains("tool definitions")
                    .contains("history").contains("before compaction")
                    .contains("last turn (1 step, fake-1): 2,000 in, 1,536 of them from the cache (77%), 30 out")
                    .contains("this conversation (1 turn): 2,000 in, 1,536 of them from the cache (77%), 30 out");
            assertThat(failure("/context now")).isEqualTo("usage: /context");
        }

        @Test
        void tools_lists_the_tools_by_class() {
            assertThat(reply("/tools")).startsWith("1 tool offered to the model:\nread-only:").contains("wait")
                    .contains("(cmds)");
            assertThat(failure("/tools extra")).isEqualTo("usage: /tools");
            assertThat(failure("/history all")).isEqualTo("usage: /history");
            assertThat(failure("/stop everything")).isEqualTo("usage: /stop");
        }

        @Test
        void tasks_lists_and_cancels_only_the_callers_tasks() throws Exception {
            assertThat(reply("/tasks")).isEqualTo("no background tasks of test:alice");
            var mine = runtime.tasks().submit(new TaskSpec("archive old", TaskCategory.ARCHIVE,
                    TaskOwner.of(new dev.jclaw.core.session.SessionKey("test:alice"))), ctx -> Thread.sleep(60_000));
            var theirs = runtime.tasks().submit(new TaskSpec("their job", TaskCategory.ARCHIVE,
                    TaskOwner.of(new dev.jclaw.core.session.SessionKey("test:bob"))), ctx -> Thread.sleep(60_000));
            assertThat(reply("/tasks")).contains(mine.id().value()).contains("archive old")
                    .doesNotContain("their job");
            assertThat(reply("/tasks cancel " + theirs.id().value())).contains("not yours");
            assertThat(reply("/tasks cancel " + mine.id().value())).contains(mine.id().value());
            assertThat(failure("/tasks cancel ;drop")).startsWith("no task");
            assertThat(failure("/tasks kill all now")).isEqualTo("usage: /tasks [cancel ID]");
        }
    }
}
