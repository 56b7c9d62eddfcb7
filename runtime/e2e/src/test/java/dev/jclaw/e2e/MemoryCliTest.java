package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory as a user meets it: one {@code jclaw run} memorizes what a tool call confirmed, a later conversation of the
 * same user is reminded of it by meaning, another user's never is. The distribution's real H2 memory database,
 * Lucene index and ONNX embedding model; the fake model server on a socket.
 */
class MemoryCliTest {
    @TempDir
    Path home;
    Path workspace;
    FakeModelServer model;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        workspace = Files.createDirectories(home.resolve("ws"));
        Files.writeString(workspace.resolve("infra.md"), "staging db: pg-stage-2.internal:5433\n");
    }

    @AfterEach
    void tearDown() {
        model.close();
    }

    JClawProcess.Result jclaw(String... args) throws Exception {
        return JClawProcess.run(home, model, java.util.Map.of(), args);
    }

    static String turnContext(FakeModelServer.Recorded request) {
        List<JsonObject> messages = request.messages();
        return messages.getLast().string("content");
    }

    @Test
    void a_memorized_fact_comes_back_by_meaning_and_asked_in_chinese_in_a_later_conversation_of_its_user()
            throws Exception {
        model.enqueue(Reply.toolCalls().call("r1", "read", "{\"path\": \"infra.md\"}"),
                Reply.toolCalls().call("m1", "memorize", "{\"layer\": \"L2\", \"type\": \"infra\", \"content\":"
                        + " \"The staging database runs on pg-stage-2.internal, port 5433.\"}"),
                Reply.text("Noted."));
        JClawProcess.Result first = jclaw("run", "--yes", "--session", "cli:carol", "--workspace", workspace.toString(),
                "remember where the staging database is");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(model.requests().get(2).toolResults().getLast()).startsWith("memorized [L2 ");

        model.enqueue(Reply.text("Port 5433."));
        JClawProcess.Result later = jclaw("run", "--session", "cli:carol", "--workspace", workspace.toString(),
                "/new which port does the staging database listen on?");
        assertThat(later.code()).as(later.err()).isZero();
        assertThat(later.err()).contains("new conversation").contains("remembered [L2 ");
        FakeModelServer.Recorded asked = model.requests().get(3);
        assertThat(turnContext(asked)).contains("[L2 ").contains("pg-stage-2.internal, port 5433");
        assertThat(asked.messages().getFirst().string("content")).contains("<memory_index>")
                .contains("pg-stage-2.internal");

        // another conversation of the person at this terminal: the same user (admin), the same memory
        model.enqueue(Reply.text("Port 5433."));
        JClawProcess.Result elsewhere = jclaw("run", "--session", "cli:dave", "--workspace", workspace.toString(),
                "which port does the staging database listen on?");
        assertThat(elsewhere.code()).as(elsewhere.err()).isZero();
        assertThat(turnContext(model.requests().get(4))).contains("pg-stage-2.internal, port 5433");

        JClawProcess.Result search = jclaw("run", "--session", "cli:carol", "/memory search staging database");
        assertThat(search.out()).contains("[L2 ").contains("pg-stage-2.internal");

        model.enqueue(Reply.text("5433."));
        JClawProcess.Result chinese = jclaw("run", "--session", "cli:carol", "--workspace", workspace.toString(),
                "/new 测试环境的数据库用哪个端口？"); // asked in Chinese, the fact is English
        assertThat(chinese.code()).as(chinese.err()).isZero();
        assertThat(chinese.err()).contains("remembered [L2 ");
        assertThat(turnContext(model.requests().getLast())).contains("pg-stage-2.internal, port 5433");
        assertThat(model.problems()).isEmpty();
    }

    @Test
    void memorize_is_refused_before_anything_was_run_and_nothing_is_stored() throws Exception {
        model.enqueue(Reply.toolCalls().call("m1", "memorize", "{\"layer\": \"L2\", \"content\": \"the sky is"
                + " green\"}"), Reply.text("I could not."));
        JClawProcess.Result r = jclaw("run", "--yes", "--session", "cli:erin", "--workspace", workspace.toString(),
                "remember that the sky is green");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(model.requests().get(1).toolResults().getLast()).startsWith("Error: not memorized: nothing has"
                + " been run");
        JClawProcess.Result stats = jclaw("run", "--session", "cli:erin", "/memory stats");
        assertThat(stats.out()).contains("facts (L2): 0");
    }

    @Test
    void the_memory_command_adds_searches_lists_forgets_and_rebuilds_a_deleted_index() throws Exception {
        JClawProcess.Result add = jclaw("memory", "add", "--namespace", "feishu:app:oc_team", "--type", "oncall",
                "周末值班由张伟负责，电话 138-0000-1234");
        assertThat(add.code()).as(add.err()).isZero();
        assertThat(add.out()).startsWith("[L2 ");
        jclaw("memory", "add", "--namespace", "feishu:app:oc_team", "--layer", "L3",
                "To deploy billing: make release, then tag the commit");

        JClawProcess.Result search = jclaw("memory", "search", "--namespace", "feishu:app:oc_team", "--json", "谁负责周末值班");
        assertThat(search.code()).as(search.err()).isZero();
        JsonObject hit = dev.jclaw.api.json.Json.parseObject(search.out().lines().findFirst().orElseThrow());
        assertThat(hit.string("layer")).isEqualTo("L2");
        assertThat(hit.string("content")).contains("张伟");
        assertThat(hit.get("score")).isPresent();
        assertThat(jclaw("memory", "search", "--namespace", "cli:someone-else", "--json", "谁负责周末值班").out())
                .isEmpty();

        // the index is a cache: deleted, it is rebuilt from the database on the next command
        try (Stream<Path> files = Files.walk(home.resolve("data/memory/index"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        JClawProcess.Result again = jclaw("memory", "search", "--namespace", "feishu:app:oc_team", "deploy billing");
        assertThat(again.out()).contains("[L3 ").contains("make release");

        String id = hit.string("short_id");
        JClawProcess.Result forget = jclaw("memory", "forget", "--namespace", "feishu:app:oc_team", id, "rota changed");
        assertThat(forget.code()).as(forget.err()).isZero();
        assertThat(jclaw("memory", "list", "--namespace", "feishu:app:oc_team").out()).doesNotContain("张伟");
        assertThat(jclaw("memory", "list", "--namespace", "feishu:app:oc_team", "--all").out())
                .contains("(forgotten)");
        JClawProcess.Result stats = jclaw("memory", "stats", "--namespace", "feishu:app:oc_team", "--json");
        assertThat(dev.jclaw.api.json.Json.parseObject(stats.out().strip()).optLong("forgotten")).contains(1L);
        JClawProcess.Result reindex = jclaw("memory", "reindex");
        assertThat(reindex.code()).as(reindex.err()).isZero();
        assertThat(reindex.err()).contains("reindexed 2 entries");
    }

    @Test
    void the_memory_command_refuses_bad_input_in_one_sentence() throws Exception {
        for (List<String> args : List.of(List.of("memory"), List.of("memory", "frobnicate"),
                List.of("memory", "add"), List.of("memory", "search", "--limit", "0", "x"),
                List.of("memory", "list", "--layer", "L9"), List.of("memory", "list", "--namespace", "no colon"),
                List.of("memory", "forget", "abcd"), List.of("memory", "list", "--bogus"))) {
            JClawProcess.Result r = jclaw(args.toArray(String[]::new));
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("jclaw: ").doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
        JClawProcess.Result huge = jclaw("memory", "add", "x".repeat(9_000));
        assertThat(huge.code()).isEqualTo(1);
        assertThat(huge.err()).contains("8000").doesNotContain("Exception");
    }

    @Test
    void leaves_no_file_of_the_data_directory_readable_by_other_accounts() throws Exception {
        model.enqueue(Reply.toolCalls().call("m1", "memorize", "{\"layer\": \"L2\", \"type\": \"secret\","
                        + " \"content\": \"The deploy key lives in vault path ops/deploy.\"}"),
                Reply.text("Noted."));
        JClawProcess.Result run = jclaw("run", "--yes", "--session", "cli:erin", "--workspace", workspace.toString(),
                "remember where the deploy key lives");
        assertThat(run.code()).as(run.err()).isZero();
        Path data = home.resolve("data");
        try (Stream<Path> all = Files.walk(data)) {
            List<Path> files = all.toList();
            assertThat(files).extracting(p -> data.relativize(p).toString())
                    .contains("jclaw.mv.db", "memory/jclaw.mv.db").anyMatch(n -> n.startsWith("memory/index/"));
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(data)))
                    .isEqualTo("rwx------");
            // the workspace holds the user's files with their own modes, the plugin host's directories copies of
            // jars and each plugin's data; the 0700 data directory keeps other accounts out of all of them
            assertThat(files).filteredOn(p -> Stream.of("workspace", "plugin-cache", "plugins")
                            .noneMatch(dir -> p.startsWith(data.resolve(dir))))
                    .extracting(p -> data.relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)))
                    .allSatisfy(line -> assertThat(line).endsWith("------"));
            // and the host's own directories are the owner's only too
            assertThat(files).filteredOn(p -> Files.isDirectory(p) && Stream.of("plugin-cache", "plugins")
                            .anyMatch(dir -> p.startsWith(data.resolve(dir))))
                    .isNotEmpty()
                    .extracting(p -> data.relativize(p) + " " + java.nio.file.attribute.PosixFilePermissions.toString(
                            Files.getPosixFilePermissions(p)))
                    .allSatisfy(line -> assertThat(line).endsWith("rwx------"));
        }
    }
}
