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

    record Result(int code, String out, String err) {
    }

    Result jclaw(Map<String, String> extraEnv, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java.util.stream.Stream.concat(
                java.util.stream.Stream.of(DIST.resolve("bin/jclaw").toString()), java.util.stream.Stream.of(args))
                .toList());
        Map<String, String> env = builder.environment();
        env.put("JCLAW_HOME", home.toString());
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("JCLAW_MODEL", "fake-1");
        env.remove("OPENAI_API_KEY");
        env.putAll(extraEnv);
        builder.directory(home.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
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
        assertThat(second.messages().getLast().string("content")).contains("buy milk");
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
        assertThat(model.requests().get(1).messages().getLast().string("content"))
                .startsWith("Error:").contains("leaves the workspace").doesNotContain("root:");
    }

    @Test
    void run_without_a_prompt_is_a_usage_error() throws Exception {
        Result result = jclaw(Map.of(), "run");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("jclaw: run needs a prompt");
    }
}
