package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built distribution carries what it refers to, and its configuration works as a user copies it. */
class DistributionContentsTest {
    static final Path DIST = DistributionTest.DIST;

    @Nested
    class Files_it_ships {
        @Test
        void its_readme_the_docs_and_each_built_in_plugins_readme() {
            assertThat(DIST.resolve("README.md")).isRegularFile();
            assertThat(DIST.resolve("docs/configuration.md")).isRegularFile();
            assertThat(DIST.resolve("docs/operations.md")).isRegularFile();
            assertThat(DIST.resolve("docs/plugins.md")).isRegularFile();
            for (String plugin : List.of("tools-files", "tools-shell", "tools-web")) {
                assertThat(DIST.resolve("docs/plugins/" + plugin + ".md")).isRegularFile();
            }
            assertThat(DIST.resolve("configs/jclaw.example.json")).isRegularFile();
            assertThat(DIST.resolve("configs/jclaw.schema.json")).isRegularFile();
        }

        @Test
        void the_plugin_readmes_say_what_a_user_must_know() throws Exception {
            assertThat(Files.readString(DIST.resolve("docs/plugins/tools-shell.md"))).contains("timeout_seconds")
                    .contains("output-chars");
            assertThat(Files.readString(DIST.resolve("docs/plugins/tools-web.md"))).contains("allow-hosts")
                    .contains("wiki.corp.example:8443").contains("carry data out").contains("\"tool-class\": \"write\"");
        }

        @Test
        void no_readme_speaks_of_the_build_or_of_paths_in_the_source_tree() throws Exception {
            for (Path readme : readmes()) {
                assertThat(Files.readString(readme)).as(DIST.relativize(readme).toString())
                        .doesNotContain("./mvnw").doesNotContain("mvn ").doesNotContain("runtime/dist")
                        .doesNotContain("target/");
            }
        }

        @Test
        void every_relative_link_of_the_readmes_and_docs_leads_to_a_file_in_the_distribution() throws Exception {
            Pattern link = Pattern.compile("\\]\\(([^)#:\\s]+)(#[^)]*)?\\)");
            List<Path> pages;
            try (Stream<Path> docs = Files.list(DIST.resolve("docs"))) {
                pages = Stream.concat(readmes().stream(), docs.filter(p -> p.toString().endsWith(".md"))).toList();
            }
            for (Path readme : pages) {
                Matcher m = link.matcher(Files.readString(readme));
                while (m.find()) {
                    assertThat(readme.getParent().resolve(m.group(1)))
                            .as(DIST.relativize(readme) + " links to " + m.group(1)).exists();
                }
            }
        }

        private List<Path> readmes() throws Exception {
            try (Stream<Path> plugins = Files.list(DIST.resolve("docs/plugins"))) {
                return Stream.concat(Stream.of(DIST.resolve("README.md")), plugins.sorted()).toList();
            }
        }
    }

    @Nested
    class Configuration {
        @TempDir
        Path home;
        FakeModelServer model;

        @BeforeEach
        void setUp() throws Exception {
            model = FakeModelServer.start();
        }

        @AfterEach
        void tearDown() {
            model.close();
        }

        @Test
        void the_example_copied_to_jclaw_json_keeps_the_built_in_plugins_and_config_check_shows_them()
                throws Exception {
            Files.copy(DIST.resolve("configs/jclaw.example.json"), home.resolve("jclaw.json"));

            JClawProcess.Result result = JClawProcess.run(home, model,
                    Map.of("OPENAI_API_KEY", "sk-e2e-never-printed-0123"), "config", "check");

            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.out()).contains("config file:   " + home.resolve("jclaw.json"))
                    .contains("plugins dir:   " + DIST.toRealPath().resolve("plugins"))
                    .contains("tools-files.jar, tools-shell.jar, tools-web/")
                    .contains("(api key set)").doesNotContain("sk-e2e-never-printed-0123").doesNotContain("warning");
            assertThat(result.err()).doesNotContain("sk-e2e-never-printed-0123");
        }

        @Test
        void a_misspelt_variable_is_named_with_the_closest_one_at_run_start() throws Exception {
            model.enqueue(Reply.text("hi"));

            JClawProcess.Result result = JClawProcess.run(home, model, Map.of("JCLAW_AGENT_MAX_STEP", "3"),
                    "run", "hello");

            assertThat(result.code()).as(result.err()).isZero();
            assertThat(result.err()).contains("environment variable JCLAW_AGENT_MAX_STEP sets no configuration key;"
                    + " did you mean JCLAW_AGENT_MAX_STEPS (agent.max-steps)?");
        }

        @Test
        void web_fetch_asks_for_approval_when_configured_as_a_write() throws Exception {
            String call = "{\"url\": \"http://127.0.0.1:9/\"}";
            model.enqueue(Reply.toolCalls().call("c1", "web_fetch", call), Reply.text("done"));
            JClawProcess.Result asRead = JClawProcess.run(home, model, Map.of(), "run", "--json", "fetch it");
            assertThat(events(asRead, "approval_requested")).isEmpty();
            assertThat(events(asRead, "tool_finished")).singleElement()
                    .satisfies(e -> assertThat(e.string("content")).contains("web_fetch refuses 127.0.0.1"));

            Files.writeString(home.resolve("jclaw.json"),
                    "{\"plugins\": {\"config\": {\"tools-web\": {\"tool-class\": \"write\"}}}}");
            model.enqueue(Reply.toolCalls().call("c2", "web_fetch", call), Reply.text("done"));
            JClawProcess.Result asWrite = JClawProcess.run(home, model, Map.of(), "run", "--json", "--session",
                    "cli:other", "fetch it");

            assertThat(events(asWrite, "approval_requested")).singleElement()
                    .satisfies(e -> assertThat(e.string("tool")).isEqualTo("web_fetch"));
            assertThat(asWrite.out()).doesNotContain("web_fetch refuses");
        }

        private List<JsonObject> events(JClawProcess.Result result, String type) {
            return result.out().lines().filter(line -> line.startsWith("{")).map(Json::parseObject)
                    .filter(e -> e.optString("type").orElse("").equals(type)).toList();
        }
    }
}
