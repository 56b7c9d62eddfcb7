package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The distribution as a user runs it: bin/jclaw in its own process, talked to over a real socket. */
class DistributionTest {
    static final Path DIST = Path.of(System.getProperty("jclaw.dist", "../dist/target/jclaw")).toAbsolutePath();
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path home;
    Path plugins;
    int port;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(DIST.resolve("bin/jclaw")).as("the distribution; build it with ./mvnw verify").isExecutable();
        plugins = Files.createDirectories(home.resolve("plugins"));
        Files.copy(DIST.resolve("plugins/tools-files.jar"), plugins.resolve("tools-files.jar"));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    ProcessBuilder jclaw(String... args) {
        ProcessBuilder builder = new ProcessBuilder(java.util.stream.Stream.concat(
                java.util.stream.Stream.of(DIST.resolve("bin/jclaw").toString()), java.util.stream.Stream.of(args))
                .toList());
        Map<String, String> env = builder.environment();
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_SERVER_PORT", Integer.toString(port));
        env.put("JCLAW_PLUGINS_DIR", plugins.toString());
        builder.directory(home.toFile());
        return builder;
    }

    record Result(int code, String out, String err) {
    }

    Result run(String... args) throws Exception {
        Process process = jclaw(args).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    JsonObject plugin(String token, String id) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/plugins/" + id))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return Json.parseObject(response.body());
    }

    static void await(String what, long millis, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as(what + " within " + millis + " ms").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Nested
    class Serving {
        @Test
        void serves_with_tools_files_active_and_follows_the_plugins_directory() throws Exception {
            Path log = home.resolve("server.log");
            Process server = jclaw("serve").redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                await("the server ready", 20_000, () -> readyStatus() == 200);
                Matcher token = Pattern.compile("\\n\\s+([0-9a-f]{64})\\n").matcher(Files.readString(log));
                assertThat(token.find()).as(Files.readString(log)).isTrue();
                String admin = token.group(1);
                assertThat(plugin(admin, "tools-files").string("state")).isEqualTo("ACTIVE");
                assertThat(run("plugins", "list").out()).contains("Plugins of the running server")
                        .containsPattern("tools-files\\s+\\S+\\s+ACTIVE");

                Path jar = plugins.resolve("tools-files.jar");
                Path saved = Files.move(jar, home.resolve("tools-files.jar.saved"));
                // while the directory changes, the plugin may be briefly unknown (404, no state): keep asking
                await("tools-files unloaded", 5_000,
                        () -> plugin(admin, "tools-files").optString("state").orElse("").equals("UNINSTALLED"));
                assertThat(run("plugins", "list").out()).containsPattern("tools-files\\s+\\S+\\s+UNINSTALLED");

                Files.copy(saved, plugins.resolve(".tools-files.tmp"));
                Files.move(plugins.resolve(".tools-files.tmp"), jar, StandardCopyOption.ATOMIC_MOVE);
                await("tools-files active again", 5_000,
                        () -> plugin(admin, "tools-files").optString("state").orElse("").equals("ACTIVE"));
                assertThat(run("plugins", "list").out()).containsPattern("tools-files\\s+\\S+\\s+ACTIVE");
            } finally {
                server.destroy(); // SIGTERM
                assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            }
            assertThat(server.exitValue()).isIn(0, 143);
            assertThat(home.resolve("data/run/server.json")).doesNotExist();
            assertThat(Files.readString(log)).doesNotContain("Exception");
        }

        private int readyStatus() {
            try {
                return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                        .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    @Nested
    class CommandLine {
        @Test
        void prints_its_version() throws Exception {
            Result result = run("--version");
            assertThat(result.code()).isZero();
            assertThat(result.out()).startsWith("jclaw 0.1.0");
        }

        @Test
        void lists_plugins_from_the_directory_when_no_server_runs() throws Exception {
            Result result = run("plugins", "list");
            assertThat(result.code()).isZero();
            assertThat(result.out()).contains("No server is running").contains("tools-files");
        }

        @Test
        void reports_bad_configuration_in_one_line_without_a_stack_trace() throws Exception {
            Files.writeString(home.resolve("jclaw.json"), "{\"server\": {\"port\": \"eighty\"}}");
            for (List<String> args : List.of(List.of("config", "check"), List.of("serve"))) {
                Result result = run(args.toArray(String[]::new));
                assertThat(result.code()).as(String.join(" ", args)).isEqualTo(1);
                assertThat(result.err().lines().toList()).singleElement().satisfies(line -> assertThat(line)
                        .startsWith("jclaw: ").contains("jclaw.json").contains("server.port"));
            }
        }

        @Test
        void exits_2_on_a_usage_error() throws Exception {
            Result result = run("launch-missiles");
            assertThat(result.code()).isEqualTo(2);
            assertThat(result.err()).isEqualTo("jclaw: unknown command 'launch-missiles' (see 'jclaw help')\n");
        }

        @Test
        @SuppressWarnings("try") // the socket only has to hold the port
        void refuses_a_port_in_use_naming_the_key() throws Exception {
            try (ServerSocket taken = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
                Result result = run("serve");
                assertThat(result.code()).isEqualTo(1);
                assertThat(result.err()).contains("jclaw: ").contains("server.port")
                        .contains("port " + port + " is already in use").doesNotContain("Exception");
            }
        }
    }
}
