package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.cli.Cli;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jclaw users}, {@code jclaw keys} and {@code jclaw audit} beside a running server go through its API with the
 * local token, and print what they print in-process on a home without a server: the same session of commands runs
 * on both homes and the outputs and exit codes are compared, random values (passwords, keys, ids, times) aside.
 */
class IdentityBesideServerTest {
    @TempDir
    Path alone;
    @TempDir
    Path served;

    record Run(int code, String out, String err) {
    }

    static Run jclaw(Path home, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new HashMap<>(TestServers.env(home, home.resolve("plugins")));
        env.put("JCLAW_SANDBOX_ENABLED", "false");
        Cli cli = new Cli(new BufferedReader(new StringReader(stdin)), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                (Optional<Path> explicit) -> ConfigLoader.builder().workingDir(home).environment(env).build());
        int code = cli.run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command of the session: its standard input and arguments; {@code @ID} is the key id the home made. */
    record Step(String stdin, String... args) {
    }

    static final List<Step> SESSION = List.of(
            new Step("erin's long password\n", "users", "add", "erin", "--tier", "yolo", "--password-stdin"),
            new Step("", "users", "add", "frank", "--admin", "--generate"),
            new Step("", "users", "add", "admin", "--generate"),
            new Step("another long one\n", "users", "add", "erin", "--password-stdin"),
            new Step("short\n", "users", "add", "gina", "--password-stdin"),
            new Step("", "users", "list"),
            new Step("", "users", "list", "--json"),
            new Step("", "users", "tier", "erin", "read-only"),
            new Step("a new long password\n", "users", "passwd", "erin", "--password-stdin"),
            new Step("", "users", "passwd", "nobody", "--generate"),
            new Step("", "users", "disable", "erin"),
            new Step("", "users", "list"),
            new Step("", "users", "enable", "erin"),
            new Step("", "users", "remove", "nobody"),
            new Step("", "users", "tier", "nobody", "yolo"),
            new Step("", "keys", "create", "--user", "erin", "--name", "build server"),
            new Step("", "keys", "create", "--user", "nobody", "--name", "x"),
            new Step("", "keys", "create", "--user", "erin", "--name", "a\u001b[2Jb"),
            new Step("", "keys", "list"),
            new Step("", "keys", "list", "--user", "erin", "--json"),
            new Step("", "keys", "list", "--user", "frank", "--json"),
            new Step("", "keys", "revoke", "@ID"),
            new Step("", "keys", "revoke", "@ID"),
            new Step("", "keys", "revoke", "0123456789ab"),
            new Step("", "keys", "revoke", "'; DROP TABLE api_keys; --"),
            new Step("", "keys", "list"),
            new Step("", "audit", "--json"),
            new Step("", "audit", "--kind", "key.created", "--json"),
            new Step("", "audit", "--since", "1h", "--limit", "3"),
            new Step("", "audit", "--user", "erin"),
            new Step("", "audit", "--kind", "nope"),
            new Step("", "users", "remove", "erin"),
            new Step("", "users", "list", "--json"),
            new Step("", "users", "frobnicate"));

    /** Runs the session on a home; what each command printed, with the random parts replaced. */
    static List<String> session(Path home) {
        List<String> transcript = new ArrayList<>();
        String keyId = "none";
        for (Step step : SESSION) {
            String[] args = step.args().clone();
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].replace("@ID", keyId);
            }
            Run run = jclaw(home, step.stdin(), args);
            if (args[0].equals("keys") && args[1].equals("create") && run.code() == 0) {
                keyId = run.err().replaceAll("(?s).*made API key ([0-9a-f]{12}).*", "$1");
            }
            transcript.add(String.join(" ", args).replace(keyId, "@ID") + " -> " + run.code() + "\n"
                    + normal(run.out()) + "\n" + normal(run.err()));
        }
        return transcript;
    }

    /** Times, keys, ids and generated passwords replaced; the loopback address of a request through the server, too. */
    static String normal(String text) {
        return text.replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d", "<when>")
                .replaceAll("jck_[A-Za-z0-9_-]{43}", "<key>")
                .replaceAll("\\b[0-9a-f]{12}\\b", "<id>")
                .replaceAll("(?m)^[A-Za-z0-9]{20}$", "<password>")
                .replace("\"address\":\"127.0.0.1\"", "\"address\":\"\"")
                .replace("127.0.0.1", "-")
                .replaceAll("(?m)[ \\t]+", " ");
    }

    @Test
    void the_same_commands_print_the_same_beside_a_running_server_as_in_process() throws Exception {
        List<String> inProcess = session(alone);
        TestServers.Started started = TestServers.start(TestServers.config(served, served.resolve("plugins"),
                Map.of("JCLAW_SANDBOX_ENABLED", "false")));
        try (JClawServer server = started.server()) {
            List<String> beside = session(served);
            assertThat(beside).hasSameSizeAs(inProcess);
            for (int i = 0; i < inProcess.size(); i++) {
                assertThat(beside.get(i)).as("step %d", i).isEqualTo(inProcess.get(i));
            }
            // it went through the server: every change came from this machine's loopback
            List<JsonObject> audit = jclaw(served, "", "audit", "--json").out().lines().map(Json::parseObject)
                    .toList();
            assertThat(audit).isNotEmpty().allSatisfy(e -> {
                assertThat(e.string("address")).isEqualTo("127.0.0.1");
                assertThat(e.string("actor")).startsWith("cli");
                assertThat(e.string("channel")).isEqualTo("cli");
            });
        }
        assertThat(inProcess.get(0)).contains("-> 0", "added erin with the tier yolo");
        assertThat(inProcess.get(2)).contains("-> 1", "bootstrap admin token");
        assertThat(inProcess.get(15)).contains("-> 0", "<key>");
        assertThat(inProcess.get(17)).contains("-> 1", "control");
        assertThat(inProcess.get(22)).contains("-> 1", "revoked already");
        assertThat(inProcess.get(24)).contains("-> 2");
        assertThat(inProcess.getLast()).contains("-> 2");
    }

    @Test
    void a_password_set_beside_the_server_logs_in_there_and_a_key_made_there_works() throws Exception {
        TestServers.Started started = TestServers.start(TestServers.config(served, served.resolve("plugins"),
                Map.of("JCLAW_SANDBOX_ENABLED", "false")));
        try (JClawServer server = started.server(); HttpClient http = HttpClient.newHttpClient()) {
            assertThat(jclaw(served, "olga's long password\n", "users", "add", "olga", "--password-stdin").code())
                    .isZero();
            assertThat(jclaw(served, "olga's new password\n", "users", "passwd", "olga", "--password-stdin").code())
                    .isZero();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/api/auth/login")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"user\": \"olga\", \"password\": \"olga's new password\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            String key = jclaw(served, "", "keys", "create", "--user", "olga", "--name", "ci").out().strip();
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/auth/me"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(Json.parseObject(me.body()).string("user")).isEqualTo("olga");
        }
    }

    @Test
    void a_server_of_this_home_at_an_address_not_of_this_machine_gets_no_password() throws Exception {
        Files.createDirectories(served.resolve("data/run"));
        new RuntimeFile("http://192.0.2.1:7878", ProcessHandle.current().pid(), "jcl_test").write(
                served.resolve("data"));
        Run run = jclaw(served, "quinn's long password\n", "users", "add", "quinn", "--password-stdin");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).startsWith("jclaw: the JClaw server of this home").contains("http://192.0.2.1:7878",
                "not an address of this machine").hasLineCount(1);
    }

    @Test
    void a_stale_server_file_falls_back_to_this_process() throws Exception {
        Files.createDirectories(served.resolve("data/run"));
        try (var socket = new java.net.ServerSocket(0)) {
            int closedPort = socket.getLocalPort();
            socket.close();
            new RuntimeFile("http://127.0.0.1:" + closedPort, ProcessHandle.current().pid(), "jcl_test")
                    .write(served.resolve("data"));
        }
        Run run = jclaw(served, "", "users", "list");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.err()).contains("no users yet");
    }
}
