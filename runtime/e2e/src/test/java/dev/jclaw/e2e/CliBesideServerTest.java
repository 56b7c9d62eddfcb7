package dev.jclaw.e2e;

import static dev.jclaw.e2e.DistributionTest.CLIENT;
import static dev.jclaw.e2e.DistributionTest.DIST;
import static dev.jclaw.e2e.DistributionTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jclaw run} beside a {@code jclaw serve} on the same JClaw home, through the built distribution: the turn
 * runs in the server (which holds the databases), {@code --continue} continues, a call that needs approval without a
 * terminal exits 3, and {@code --url} with a user's API key reaches it as that user; {@code jclaw memory} goes through
 * it too, and what it adds the next run recalls. Also measures the wall time of
 * a one-turn {@code jclaw run} beside the server and in-process (docs/benchmarks.md).
 */
class CliBesideServerTest {
    @TempDir
    Path home;
    FakeModelServer model;
    Process server;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        }
        model.close();
    }

    private void serve() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/jclaw").toString(), "serve");
        Map<String, String> env = builder.environment();
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_SERVER_PORT", Integer.toString(port));
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("JCLAW_MODEL", "fake-1");
        env.remove("OPENAI_API_KEY");
        server = builder.directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("serve.log").toFile()).start();
        await("the server ready", 60_000, this::ready);
    }

    private boolean ready() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JClawProcess.Result jclaw(Map<String, String> env, String... args) throws Exception {
        return JClawProcess.run(home, model, env, args);
    }

    private JClawProcess.Result jclaw(String... args) throws Exception {
        return jclaw(Map.of("JCLAW_SERVER_PORT", "0"), args);
    }

    @Test
    void run_beside_serve_runs_in_the_server_and_continue_continues_it() throws Exception {
        serve();
        long before = Files.size(home.resolve("serve.log"));
        model.enqueue(Reply.text("Hello from the server"));
        JClawProcess.Result first = jclaw("run", "my colour is blue");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("Hello from the server\n");
        assertThat(first.err()).contains("(1 step, ");
        assertThat(first.err()).doesNotContain("another process").doesNotContain("Exception");

        model.enqueue(Reply.text("Blue"));
        JClawProcess.Result second = jclaw("run", "--continue", "what colour?");
        assertThat(second.code()).as(second.err()).isZero();
        assertThat(Json.write(model.requests().getLast().body())).contains("my colour is blue").contains("what colour?");

        model.enqueue(Reply.text("Fresh"));
        JClawProcess.Result fresh = jclaw("run", "which colour?");
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(Json.write(model.requests().getLast().body())).doesNotContain("my colour is blue");
        assertThat(Files.size(home.resolve("serve.log"))).isGreaterThanOrEqualTo(before);
    }

    @Test
    void a_call_needing_approval_without_a_terminal_exits_3_and_runs_nothing() throws Exception {
        serve();
        model.enqueue(Reply.toolCalls().call("b1", "bash", "{\"command\": \"echo made > out.txt\"}"));
        JClawProcess.Result refused = jclaw("run", "make a file");
        try (var crashes = Files.list(home)) {
            crashes.filter(f -> f.getFileName().toString().startsWith("hs_err")).forEach(f -> {
                try {
                    System.out.println(Files.readString(f).lines().limit(60).toList());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        assertThat(refused.code()).as(refused.out() + refused.err()).isEqualTo(3);
        assertThat(refused.err()).contains("bash needs approval and there is no terminal to ask");
        assertThat(home.resolve("out.txt")).doesNotExist();
        assertThat(home.resolve("data/workspace/users/admin/out.txt")).doesNotExist();
        assertThat(model.requests()).hasSize(1);
    }

    @Test
    void run_beside_serve_works_in_the_terminals_directory_as_in_process() throws Exception {
        serve();
        Path project = Files.createDirectories(home.resolve("project"));
        model.enqueue(Reply.toolCalls().call("w1", "write", "{\"path\": \"made.txt\", \"content\": \"made\"}"),
                Reply.text("Made it."));
        JClawProcess.Result made = JClawProcess.run(project, home, Path.of("/dev/null"), model,
                Map.of("JCLAW_SERVER_PORT", "0"), "run", "--yes", "make a file");
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(project.resolve("made.txt")).hasContent("made");
        Path elsewhere = Files.createDirectories(home.resolve("elsewhere"));
        JClawProcess.Result status = JClawProcess.run(project, home, Path.of("/dev/null"), model,
                Map.of("JCLAW_SERVER_PORT", "0"), "run", "--workspace", elsewhere.toString(), "/status");
        assertThat(status.out()).contains("session key:  user:admin/cli/").contains("workspace:    "
                + elsewhere.toRealPath());
    }

    @Test
    void run_with_url_and_a_users_api_key_reaches_the_server_as_that_user() throws Exception {
        Path stdin = Files.writeString(home.resolve("password.txt"), "alice's long password\n");
        assertThat(JClawProcess.run(home, home, stdin, model, Map.of(), "users", "add", "alice", "--tier", "yolo",
                "--password-stdin").code()).isZero();
        Files.delete(stdin);
        String key = jclaw("keys", "create", "--user", "alice", "--name", "cli").out().strip();
        serve();
        model.enqueue(Reply.text("Hello Alice"));
        JClawProcess.Result run = jclaw(Map.of("JCLAW_TOKEN", key, "JCLAW_HOME", home.resolve("elsewhere").toString()),
                "run", "--url", "http://127.0.0.1:" + port, "hi");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Hello Alice\n");

        JClawProcess.Result wrong = jclaw(Map.of("JCLAW_TOKEN", "jck_wrong", "JCLAW_HOME",
                home.resolve("elsewhere").toString()), "run", "--url", "http://127.0.0.1:" + port, "hi");
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("jclaw: the server at http://127.0.0.1:" + port + " refused the token")
                .hasLineCount(1);
    }

    @Test
    void memory_beside_serve_goes_through_it_and_a_run_recalls_it_and_a_users_key_reaches_only_theirs()
            throws Exception {
        Path stdin = Files.writeString(home.resolve("password.txt"), "alice's long password\n");
        assertThat(JClawProcess.run(home, home, stdin, model, Map.of(), "users", "add", "alice", "--password-stdin")
                .code()).isZero();
        Files.delete(stdin);
        String key = jclaw("keys", "create", "--user", "alice", "--name", "cli").out().strip();
        serve();
        JClawProcess.Result added = jclaw("memory", "add", "The staging database is pg-stage-9.internal");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.err()).startsWith("added [L2 ");
        JClawProcess.Result listed = jclaw("memory", "list", "--json");
        assertThat(listed.code()).as(listed.err()).isZero();
        assertThat(Json.parseObject(listed.out().strip()).string("namespace")).isEqualTo("user:admin");

        model.enqueue(Reply.text("pg-stage-9"));
        JClawProcess.Result run = jclaw("run", "which staging database do we use?");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Json.write(model.requests().getLast().body())).contains("pg-stage-9.internal");

        Map<String, String> asAlice = Map.of("JCLAW_TOKEN", key, "JCLAW_HOME", home.resolve("elsewhere").toString());
        String url = "http://127.0.0.1:" + port;
        JClawProcess.Result own = jclaw(asAlice, "memory", "list", "--url", url);
        assertThat(own.code()).as(own.err()).isZero();
        assertThat(own.err()).isEqualTo("nothing remembered in user:alice\n");
        JClawProcess.Result other = jclaw(asAlice, "memory", "list", "--url", url, "--namespace", "user:admin");
        assertThat(other.code()).isEqualTo(1);
        assertThat(other.err()).isEqualTo("jclaw: no memory namespace 'user:admin' here; yours is user:alice\n");
    }

    @Test
    void measures_a_one_turn_run_beside_the_server_and_in_process() throws Exception {
        List<Long> inProcess = times(5);
        serve();
        List<Long> beside = times(5);
        System.out.println("[bench] jclaw run, one turn: in-process median " + median(inProcess) + " ms " + inProcess
                + "; beside a server median " + median(beside) + " ms " + beside);
        // the figures go to docs/benchmarks.md; on a shared machine their order is not a test, each run's success is
        assertThat(beside).hasSize(inProcess.size());
    }

    private List<Long> times(int n) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            model.enqueue(Reply.text("ok"));
            long start = System.nanoTime();
            JClawProcess.Result run = jclaw("run", "hi");
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertThat(run.code()).as(run.err()).isZero();
        }
        return millis;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

}
