package dev.jclaw.e2e;

import static dev.jclaw.e2e.DistributionTest.CLIENT;
import static dev.jclaw.e2e.DistributionTest.DIST;
import static dev.jclaw.e2e.DistributionTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users through the built distribution as an operator uses it: {@code bin/jclaw users add} with
 * {@code --password-stdin}, an API key, {@code bin/jclaw serve}, a login over HTTP, wrong passwords until 429,
 * {@code bin/jclaw users}/{@code keys} beside the running server (through its API), {@code bin/jclaw audit --json} —
 * and no password, session token or API key in the database files.
 */
class IdentityE2ETest {
    static final String PASSWORD = "alice's e2e passphrase";
    static final String SECOND_PASSWORD = "bob's e2e passphrase, sent to the server";
    @TempDir
    Path home;
    Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    record Result(int code, String out, String err) {
    }

    ProcessBuilder jclaw(int port, String... args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(DIST.resolve("bin/jclaw").toString()),
                Stream.of(args)).toList());
        Map<String, String> env = builder.environment();
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_SERVER_PORT", Integer.toString(port));
        env.put("JCLAW_PLUGINS_DIR", home.resolve("plugins").toString());
        env.put("JCLAW_SANDBOX_ENABLED", "false");
        return builder.directory(home.toFile());
    }

    Result run(Path stdin, String... args) throws Exception {
        Process process = jclaw(0, args).redirectInput(stdin.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    Result run(String... args) throws Exception {
        return run(Path.of("/dev/null"), args);
    }

    static HttpResponse<String> login(int port, String user, String password) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(JsonObject.builder().put("user", user)
                        .put("password", password).build()))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> me(int port, String token) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/me"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static boolean ready(int port) {
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

    @Test
    void a_user_added_at_the_terminal_logs_in_over_http_is_throttled_audited_and_no_secret_reaches_the_disk()
            throws Exception {
        Files.createDirectories(home.resolve("plugins"));
        Path stdin = Files.writeString(home.resolve("password.txt"), PASSWORD + "\n");
        Result added = run(stdin, "users", "add", "alice", "--tier", "approval", "--password-stdin");
        assertThat(added.code()).as(added.err()).isZero();
        Files.delete(stdin);
        Result key = run("keys", "create", "--user", "alice", "--name", "e2e");
        assertThat(key.code()).as(key.err()).isZero();
        String apiKey = key.out().strip();
        assertThat(apiKey).startsWith("jck_");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        server = jclaw(port, "serve").redirectErrorStream(true).redirectOutput(home.resolve("serve.log").toFile())
                .start();
        int p = port;
        await("the server ready", 60_000, () -> ready(p));

        HttpResponse<String> ok = login(port, "alice", PASSWORD);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String token = Json.parseObject(ok.body()).string("token");
        assertThat(Json.parseObject(me(port, token).body()).string("tier")).isEqualTo("approval");
        assertThat(me(port, apiKey).statusCode()).isEqualTo(200);

        for (int i = 0; i < 5; i++) {
            assertThat(login(port, "alice", "wrong password " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = login(port, "alice", PASSWORD);
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("30");

        // beside the server (which holds the database now) the commands go through its API with the local token
        Result beside = run("users", "list");
        assertThat(beside.code()).as(beside.err()).isZero();
        assertThat(beside.out()).contains("alice", "approval");
        Path second = Files.writeString(home.resolve("password2.txt"), SECOND_PASSWORD + "\n");
        Result bob = run(second, "users", "add", "bob", "--password-stdin");
        assertThat(bob.code()).as(bob.err()).isZero();
        assertThat(bob.err()).contains("added bob with the tier approval");
        Files.delete(second);
        String bobsKey = run("keys", "create", "--user", "bob", "--name", "e2e").out().strip();
        assertThat(Json.parseObject(me(port, bobsKey).body()).string("user")).isEqualTo("bob");

        server.destroy(); // SIGTERM: a graceful stop closes the database
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();

        Result audit = run("audit", "--json");
        assertThat(audit.code()).as(audit.err()).isZero();
        List<JsonObject> entries = audit.out().lines().map(Json::parseObject).toList();
        assertThat(entries.getFirst().string("actor")).as("made beside the server, by the operator").startsWith("cli");
        assertThat(entries).extracting(e -> e.string("kind")).containsSubsequence("key.created", "user.added",
                "login.throttled", "login.failed",
                "login.failed", "login.failed", "login.failed", "login.failed", "login.ok", "key.created",
                "user.added");
        assertThat(entries.getFirst().string("address")).isEqualTo("127.0.0.1");
        assertThat(audit.out()).doesNotContain(PASSWORD).doesNotContain(token).doesNotContain(apiKey);

        StringBuilder files = new StringBuilder();
        try (Stream<Path> all = Files.walk(home)) {
            // the server's log included
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(files).as("the search finds what is stored in clear").contains("alice").contains("argon2id");
        for (String secret : List.of(PASSWORD, SECOND_PASSWORD, token, apiKey, bobsKey, token.substring(4),
                apiKey.substring(4))) {
            assertThat(files.indexOf(secret)).as("a secret in the JClaw home's files or the server's log").isEqualTo(-1);
        }
    }
}
