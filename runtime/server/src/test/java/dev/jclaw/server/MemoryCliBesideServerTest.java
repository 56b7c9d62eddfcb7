package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.cli.Cli;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code jclaw memory} beside a running server: it goes through the server's memory API (the server holds the
 * database), prints what it prints in-process and exits with the same codes, and what it adds is what the terminal's
 * turns recall.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryCliBesideServerTest {
    static final Pattern SPLIT = Pattern.compile("jclaw memory split( --namespace \\S+)? ([0-9a-f]{8})");
    FakeModelServer model;
    Path served;
    Path alone;
    JClawServer server;

    @BeforeAll
    void start() throws Exception {
        model = FakeModelServer.start();
        served = Files.createTempDirectory("jclaw-memory-cli-served");
        alone = Files.createTempDirectory("jclaw-memory-cli-alone");
        server = TestServers.start(TestServers.config(served, served.resolve("plugins"), env(served))).server();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        model.close();
        for (Path home : List.of(served, alone)) {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    Map<String, String> env(Path home) {
        Map<String, String> env = new HashMap<>(TestServers.env(home, home.resolve("plugins")));
        env.putAll(Map.of("JCLAW_SANDBOX_ENABLED", "false", "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL",
                "fake-1"));
        return env;
    }

    record Ran(int code, String out, String err) {
        /**
         * The run with ids and times replaced and its lines sorted, so that two homes' runs compare: entries that
         * changed in the same millisecond are listed in the order of their random ids.
         */
        Ran normal() {
            // a rebuild's progress is shown in this process only; the server's answer comes when it is done
            return new Ran(code, normal(out).lines().sorted().toList().toString(),
                    normal(err).replaceAll("\r?indexing memory: \\d+ entries", ""));
        }

        static String normal(String text) {
            return text.replaceAll("[0-9a-f]{24}", "<id>").replaceAll("[0-9a-f]{8}", "<short>")
                    .replaceAll("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z", "<time>");
        }
    }

    Ran jclaw(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> environment = env(home);
        Cli cli = new Cli(new BufferedReader(new StringReader("")), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                (Optional<Path> explicit) -> ConfigLoader.builder().workingDir(home).environment(environment).build());
        int code = cli.run(args);
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs the same commands on a home; the ids of the second step come from what the first printed. */
    List<Ran> script(Path home) {
        List<Ran> runs = new ArrayList<>();
        runs.add(jclaw(home, "memory", "add", "--type", "contact", "Daniel is the account owner for PagerDuty"));
        runs.add(jclaw(home, "memory", "add", "Daniel is the account owner for PagerDuty"));
        Ran merged = jclaw(home, "memory", "add", "The account owner for PagerDuty is Daniel");
        runs.add(merged);
        Matcher m = SPLIT.matcher(merged.err());
        assertThat(m.find()).as(merged.err()).isTrue();
        assertThat(m.group(1)).as("the terminal's own namespace needs no option").isNull();
        String absorbed = m.group(2);
        for (List<String> args : List.of(
                List.of("memory", "list"), List.of("memory", "list", "--all"), List.of("memory", "list", "--json"),
                List.of("memory", "stats"), List.of("memory", "stats", "--json"),
                List.of("memory", "search", "who owns PagerDuty"),
                List.of("memory", "search", "--json", "--limit", "1", "who owns PagerDuty"),
                List.of("memory", "split", absorbed), List.of("memory", "split", absorbed),
                List.of("memory", "forget", absorbed, "a", "duplicate"), List.of("memory", "forget", absorbed, "again"),
                List.of("memory", "forget", "deadbeef", "no such memory"), List.of("memory", "split", "'; DROP"),
                List.of("memory", "add", "--layer", "L4", "an archive by hand"),
                List.of("memory", "add", "x".repeat(9_000)),
                List.of("memory", "add", "--namespace", "cli:legacy", "a fact of the old terminal namespace"),
                List.of("memory", "list", "--namespace", "cli:legacy", "--json"),
                List.of("memory", "list", "--namespace", "nocolon"), List.of("memory", "add"),
                List.of("memory", "list", "--layer", "L9"), List.of("memory", "frobnicate"),
                List.of("memory", "list", "--all"), List.of("memory", "reindex"))) {
            runs.add(jclaw(home, args.toArray(String[]::new)));
        }
        return runs;
    }

    @Test
    void prints_the_same_text_json_and_exit_codes_beside_the_server_as_in_process() {
        List<Ran> beside = script(served);
        List<Ran> inProcess = script(alone);
        assertThat(RuntimeFile.read(alone.resolve("data"))).as("no server on the second home").isEmpty();
        for (int i = 0; i < beside.size(); i++) {
            assertThat(beside.get(i).normal()).as("step %d", i).isEqualTo(inProcess.get(i).normal());
        }
        assertThat(beside).extracting(Ran::code).contains(0, 1, 2);
        assertThat(beside.get(0).err()).startsWith("added [L2 ");
        assertThat(beside.get(5).out().lines().map(Json::parseObject).map(o -> o.string("namespace")))
                .as("the terminal's memory is the admin's, as in the server").containsOnly("user:admin");
        assertThat(beside.getLast().err()).contains("reindexed ");
    }

    @Test
    void goes_through_the_server_and_a_turn_of_the_terminal_recalls_what_it_added() throws Exception {
        Ran added = jclaw(served, "memory", "add", "--json", "The staging database is pg-stage-9.internal");
        assertThat(added.code()).as(added.err()).isZero();
        String id = Json.parseObject(added.out().strip()).string("id");
        // the server holds the memory database: what was added is in its memory, under the terminal's namespace
        String local = RuntimeFile.read(served.resolve("data")).orElseThrow().token();
        HttpResponse<String> listed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url()
                        + "/api/memory?limit=1000")).header("Authorization", "Bearer " + local).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject answer = Json.parseObject(listed.body());
        assertThat(answer.string("namespace")).isEqualTo("user:admin");
        assertThat(Json.write(answer)).contains(id);

        model.enqueue(Reply.text("pg-stage-9"));
        Ran run = jclaw(served, "run", "which staging database do we use?");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Json.write(model.requests().getLast().body())).contains("pg-stage-9.internal");
    }
}
