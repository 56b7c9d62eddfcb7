package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jclaw run} as a user runs it: its own process, the built-in plugins, a model server on a socket. */
class AgentCliTest {
    static final Path DIST = DistributionTest.DIST;

    @TempDir
    Path home;
    Path workspace;
    FakeModelServer model;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        workspace = Files.createDirectories(home.resolve("ws"));
        Files.writeString(workspace.resolve("notes.md"), "# Notes\nbuy milk\n");
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    Result jclaw(Map<String, String> extraEnv, String... args) throws Exception {
        JClawProcess.Result r = JClawProcess.run(home, model, extraEnv, args);
        return new Result(r.code(), r.out(), r.err());
    }

    record Result(int code, String out, String err) {
    }

    @Test
    void run_prints_the_answer_of_a_turn_that_reads_a_file_with_the_built_in_read_tool() throws Exception {
        model.enqueue(Reply.toolCalls().call("c1", "read", "{\"path\": \"notes.md\"}"),
                Reply.text("Your notes say: buy milk."));
        Result result = jclaw(Map.of(), "run", "--workspace", workspace.toString(), "what", "do", "my", "notes", "say?");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Your notes say: buy milk.\n");
        assertThat(result.err()).contains("-> read").doesNotContain("Exception");
        FakeModelServer.Recorded second = model.requests().get(1);
        assertThat(second.toolResults().getLast()).contains("buy milk");
        assertThat(second.toolNames()).contains("read");
        assertThat(model.problems()).isEmpty();
    }

    @Test
    void run_json_prints_every_event_as_a_json_line() throws Exception {
        model.enqueue(Reply.text("hi there").chunks(2));
        Result result = jclaw(Map.of(), "run", "--json", "--workspace", workspace.toString(), "hello");
        assertThat(result.code()).isZero();
        List<JsonObject> lines = result.out().lines().map(Json::parseObject).toList();
        assertThat(lines).extracting(l -> l.string("type")).contains("text", "usage", "done");
        assertThat(lines.getLast().string("answer")).isEqualTo("hi there");
    }

    @Test
    void run_says_how_to_configure_a_model_when_none_is() throws Exception {
        Result result = jclaw(Map.of("OPENAI_BASE_URL", "", "JCLAW_MODEL", ""), "run", "hello");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).contains("no model is configured").contains("OPENAI_API_KEY")
                .doesNotContain("Exception");
    }

    @Test
    void run_refuses_a_path_outside_the_workspace_and_the_model_reads_why() throws Exception {
        model.enqueue(Reply.toolCalls().call("c1", "read", "{\"path\": \"../../etc/passwd\"}"), Reply.text("no"));
        Result result = jclaw(Map.of(), "run", "--workspace", workspace.toString(), "read passwd");
        assertThat(result.code()).isZero();
        assertThat(model.requests().get(1).toolResults().getLast())
                .startsWith("Error:").contains("leaves the workspace").doesNotContain("root:");
    }

    @Test
    void run_continues_a_session_across_processes() throws Exception {
        model.enqueue(Reply.text("Nice to meet you, Bob."), Reply.text("You are Bob."));
        assertThat(jclaw(Map.of(), "run", "--session", "cli:bob", "my name is Bob").code()).isZero();
        Result second = jclaw(Map.of(), "run", "--session", "cli:bob", "who am I?");
        assertThat(second.out()).isEqualTo("You are Bob.\n");
        assertThat(model.requests().get(1).messages()).extracting(m -> m.string("content"))
                .containsSubsequence("my name is Bob", "Nice to meet you, Bob.", "who am I?");
        jclaw(Map.of(), "run", "--session", "cli:carol", "hello");
        assertThat(model.requests().get(2).messages()).extracting(m -> m.string("content"))
                .doesNotContain("my name is Bob");
    }

    @Test
    void a_restart_after_kill_9_in_the_middle_of_a_tool_call_shows_the_call_with_an_error_result() throws Exception {
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        dev.jclaw.testkit.PluginJarBuilder.plugin("sleepy", "1.0")
                .source("module-info.java", "module sleepy { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with sleepy.Tools; }")
                .source("sleepy/Tools.java", """
                        package sleepy;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            public List<Tool> tools(PluginContext context) {
                                return List.of(new Tool() {
                                    public String name() { return "nap"; }
                                    public String description() { return "sleeps a minute"; }
                                    public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                    public ToolClass toolClass() { return ToolClass.READ; }
                                    public ToolResult execute(ToolContext ctx) throws Exception {
                                        Thread.sleep(60_000);
                                        return ToolResult.ok("rested");
                                    }
                                });
                            }
                        }
                        """)
                .build(plugins.resolve("sleepy.jar"));
        model.enqueue(Reply.toolCalls().call("nap1", "nap", "{}"));
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/jclaw").toString(), "run", "--session",
                "cli:dave", "take a nap");
        builder.environment().put("JCLAW_HOME", home.toString());
        builder.environment().put("OPENAI_BASE_URL", model.baseUrl());
        builder.environment().put("JCLAW_MODEL", "fake-1");
        builder.environment().put("JCLAW_PLUGINS_DIR", plugins.toString());
        builder.directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("run.log").toFile());
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.readString(home.resolve("run.log")).contains("-> nap") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        process.toHandle().destroyForcibly(); // SIGKILL
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();

        model.enqueue(Reply.text("Sorry, the nap was interrupted."));
        Result after = jclaw(Map.of("JCLAW_PLUGINS_DIR", plugins.toString()), "run", "--session", "cli:dave",
                "did you nap?");
        assertThat(after.code()).as(after.err()).isZero();
        List<JsonObject> messages = model.requests().get(1).messages();
        assertThat(messages).extracting(m -> m.string("role"))
                .containsExactly("system", "user", "assistant", "tool", "user", "system");
        assertThat(messages.get(3).string("content")).contains("interrupted");
        assertThat(model.problems()).isEmpty();
    }

    @Test
    void run_calls_bash_only_with_yes_since_it_writes() throws Exception {
        // without a terminal nobody can say yes: the run stops at the call (exit 3) instead of going on denied
        model.enqueue(Reply.toolCalls().call("b1", "bash", "{\"command\": \"echo made > out.txt; cat out.txt\"}"));
        Result refused = jclaw(Map.of(), "run", "--workspace", workspace.toString(), "make a file");
        assertThat(refused.code()).isEqualTo(3);
        assertThat(workspace.resolve("out.txt")).doesNotExist();
        assertThat(model.requests()).hasSize(1);

        model.enqueue(Reply.toolCalls().call("b2", "bash", "{\"command\": \"echo made > out.txt; cat out.txt\"}"),
                Reply.text("made it"));
        Result allowed = jclaw(Map.of(), "run", "--yes", "--workspace", workspace.toString(), "make a file");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(workspace.resolve("out.txt")).hasContent("made");
        assertThat(model.requests().get(2).toolResults().getLast())
                .contains("[stdout]").contains("made").contains("[exit_code=0]");
    }

    @Test
    void run_takes_a_slash_command_instead_of_a_prompt_and_never_sends_it_to_the_model() throws Exception {
        Result status = jclaw(Map.of(), "run", "--session", "cli:carol", "--workspace", workspace.toString(), "/status");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out()).contains("session key:  user:admin/cli/carol").contains("turn:         idle");
        Result bad = jclaw(Map.of(), "run", "--workspace", workspace.toString(), "/export", "pdf");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("jclaw: usage: /export markdown|json [inline]\n");
        assertThat(model.requests()).isEmpty();
        model.enqueue(Reply.text("fresh start"));
        Result both = jclaw(Map.of(), "run", "--workspace", workspace.toString(), "/new", "say", "hi");
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.err()).contains("new conversation");
        assertThat(both.out()).isEqualTo("fresh start\n");
        assertThat(model.requests().getFirst().messages()).extracting(m -> m.string("role"))
                .containsExactly("system", "user", "system");
    }

    @Test
    void chat_answers_lines_from_standard_input_and_knows_its_commands() throws Exception {
        model.enqueue(Reply.text("Hi, I am JClaw."), Reply.text("No such command, but hello."));
        // after /new the set-aside conversation is summarised for the memory archive, in the background: that
        // request offers no tools; the new conversation's turn does
        model.otherwise(body -> body.optArray("tools").map(t -> t.elements().isEmpty()).orElse(true)
                ? Reply.text("They said hello twice.") : Reply.text("Still here."));
        Path input = Files.writeString(home.resolve("input.txt"), "hello\n/tools\n/nonsense\n/new\nagain\n/exit\n");
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/jclaw").toString(), "chat", "--workspace",
                workspace.toString());
        builder.environment().put("JCLAW_HOME", home.toString());
        builder.environment().put("OPENAI_BASE_URL", model.baseUrl());
        builder.environment().put("JCLAW_MODEL", "fake-1");
        builder.directory(home.toFile()).redirectInput(input.toFile());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).contains("Hi, I am JClaw.").contains("No such command, but hello.").contains("Still here.");
        assertThat(err).contains("read-only:").contains("bash").contains("new conversation");
        // an unknown /word is an ordinary message for the model
        assertThat(model.requests().get(1).messages()).extracting(m -> m.optString("content").orElse(""))
                .contains("/nonsense");
        // /new started a fresh conversation: its request carries no earlier turn
        FakeModelServer.Recorded again = model.requests().stream().filter(r -> !r.tools().isEmpty()).toList().get(2);
        assertThat(again.messages()).extracting(m -> m.string("role")).containsExactly("system", "user", "system");
    }

    @Test
    void run_completes_a_turn_that_calls_every_built_in_file_tool() throws Exception {
        model.enqueue(Reply.toolCalls()
                        .call("w", "write", "{\"path\": \"src/app.txt\", \"content\": \"version = 1\\n\"}"),
                Reply.toolCalls().call("e", "edit",
                        "{\"path\": \"src/app.txt\", \"old_string\": \"= 1\", \"new_string\": \"= 2\"}"),
                Reply.toolCalls().call("g", "grep", "{\"pattern\": \"version\"}")
                        .call("l", "glob", "{\"pattern\": \"**/*.txt\"}"),
                Reply.text("All done."));
        Result result = jclaw(Map.of(), "run", "--yes", "--workspace", workspace.toString(), "bump the version");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("All done.\n");
        assertThat(workspace.resolve("src/app.txt")).hasContent("version = 2\n");
        List<String> results = model.requests().get(3).toolResults();
        assertThat(results.get(results.size() - 2)).isEqualTo("src/app.txt:1: version = 2");
        assertThat(results.getLast()).isEqualTo("src/app.txt");
        assertThat(model.problems()).isEmpty();
    }

    @Test
    void run_web_fetch_from_the_plugin_directory_refuses_a_loopback_address() throws Exception {
        model.enqueue(Reply.toolCalls().call("f", "web_fetch", "{\"url\": \"http://127.0.0.1:9/admin\"}"),
                Reply.text("That address is off limits."));
        Result result = jclaw(Map.of(), "run", "--workspace", workspace.toString(), "fetch the admin page");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(model.requests().getFirst().toolNames()).contains("web_fetch", "bash", "read");
        assertThat(model.requests().get(1).toolResults().getLast())
                .startsWith("Error:").contains("127.0.0.1");
    }

    @Test
    void run_without_a_prompt_is_a_usage_error() throws Exception {
        Result result = jclaw(Map.of(), "run");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("jclaw: run needs a prompt");
    }
}
