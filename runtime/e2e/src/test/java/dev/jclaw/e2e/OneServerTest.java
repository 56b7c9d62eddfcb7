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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code jclaw serve} per JClaw home: a second one refuses to start and leaves the first alone; a server killed
 * with kill -9 does not block the next; {@code jclaw run} beside a server keeps to its own plugin cache.
 */
class OneServerTest {
    @TempDir
    Path home;
    Path plugins;
    Path data;
    Process first;

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(DIST.resolve("plugins/tools-files.jar"), plugins.resolve("tools-files.jar"));
        data = home.resolve("data");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (first != null && first.isAlive()) {
            first.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    private ProcessBuilder jclaw(int port, String... args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(DIST.resolve("bin/jclaw").toString()),
                Stream.of(args)).toList());
        Map<String, String> env = builder.environment();
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_SERVER_PORT", Integer.toString(port));
        env.put("JCLAW_PLUGINS_DIR", plugins.toString());
        return builder.directory(home.toFile());
    }

    private Process serve(int port) throws Exception {
        return serve(jclaw(port, "serve"), port);
    }

    private Process serve(ProcessBuilder builder, int port) throws Exception {
        Process server = builder.redirectErrorStream(true)
                .redirectOutput(home.resolve("serve-" + port + ".log").toFile()).start();
        await("the server on port " + port + " ready", 30_000, () -> ready(port));
        return server;
    }

    private static boolean ready(int port) {
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private List<Path> cachedJars() throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("plugin-cache"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    @Test
    void a_second_serve_refuses_naming_the_first_and_a_killed_server_does_not_block_the_next() throws Exception {
        int port = freePort();
        first = serve(port);
        Path runtimeFile = data.resolve("run/server.json");
        String running = Files.readString(runtimeFile);
        List<Path> copies = cachedJars();

        Process second = jclaw(freePort(), "serve").start();
        String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err).isEqualTo("jclaw: another JClaw server (pid " + first.pid() + ", http://127.0.0.1:" + port
                + ") is already running on the data directory " + data
                + "; stop it first, or start this one with another JCLAW_HOME\n");

        assertThat(runtimeFile).hasContent(running);
        assertThat(cachedJars()).isEqualTo(copies).hasSize(1);
        assertThat(ready(port)).isTrue();

        first.destroyForcibly(); // kill -9: no shutdown hook, run/server.json and the cache stay behind
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(runtimeFile).exists();
        int next = freePort();
        first = serve(next);
        assertThat(Json.parseObject(Files.readString(runtimeFile)).optLong("pid")).contains(first.pid());
        assertThat(cachedJars()).hasSize(1).doesNotContainAnyElementsOf(copies);
    }

    @Test
    void jclaw_run_beside_a_server_keeps_to_its_own_plugin_cache() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            // the run's turn goes to the server, which asks the model
            int port = freePort();
            ProcessBuilder builder = jclaw(port, "serve");
            builder.environment().put("OPENAI_BASE_URL", model.baseUrl());
            builder.environment().put("JCLAW_MODEL", "fake-1");
            builder.environment().remove("OPENAI_API_KEY");
            first = serve(builder, port);
            List<Path> copies = cachedJars();
            model.enqueue(Reply.text("done"));
            JClawProcess.Result run = JClawProcess.run(home, model, Map.of("JCLAW_PLUGINS_DIR", plugins.toString(),
                    "JCLAW_SERVER_PORT", "0"), "run", "hello");
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(cachedJars()).isEqualTo(copies);
        }
        assertThat(Json.parseObject(Files.readString(data.resolve("run/server.json"))).optLong("pid"))
                .contains(first.pid());
    }
}
