package dev.jclaw.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.server.JClawServer;
import dev.jclaw.testkit.PluginJarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path home;
    Path plugins;
    Map<String, String> env;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        plugins = Files.createDirectories(home.resolve("plugins"));
        env = new HashMap<>();
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_SERVER_PORT", "0");
        env.put("JCLAW_PLUGINS_DIR", plugins.toString());
    }

    int run(String... args) {
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                explicit -> { var b = ConfigLoader.builder().workingDir(home).environment(env); explicit.ifPresent(b::file); return b.build(); });
        return cli.run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    void plugin(String id, String version) {
        PluginJarBuilder.plugin(id, version)
                .source("module-info.java", "module " + id.replace('-', '.') + " { requires dev.jclaw.api; }")
                .source(id.replace('-', '/') + "/Marker.java", "package " + id.replace('-', '.')
                        + "; public final class Marker {}")
                .build(plugins.resolve(id + ".jar"));
    }

    @Nested
    class Usage {
        @Test
        void prints_the_version() {
            assertThat(run("--version")).isZero();
            assertThat(out()).startsWith("jclaw 0.1.0");
        }

        @Test
        void prints_help() {
            assertThat(run("help")).isZero();
            assertThat(out()).contains("plugins list", "config check", "serve")
                    .contains("3 a tool call needed approval");
        }

        @Test
        void refuses_a_workspace_for_another_server_which_works_in_its_own() {
            assertThat(run("run", "--url", "http://127.0.0.1:9", "--workspace", "/srv/x", "hi")).isEqualTo(2);
            assertThat(err()).isEqualTo("jclaw: --workspace cannot be used with --url: the server at"
                    + " http://127.0.0.1:9 works in its own workspace for your user; run jclaw on that server's"
                    + " machine to name one (see 'jclaw help')\n");
            assertThat(run("chat", "--url", "http://127.0.0.1:9", "--workspace", "/srv/x")).isEqualTo(2);
        }

        @Test
        void exits_2_with_one_sentence_for_no_command_an_unknown_command_or_stray_arguments() {
            assertThat(run()).isEqualTo(2);
            assertThat(run("frobnicate")).isEqualTo(2);
            assertThat(run("plugins")).isEqualTo(2);
            assertThat(run("plugins", "info")).isEqualTo(2);
            assertThat(run("serve", "--now")).isEqualTo(2);
            assertThat(run("--config")).isEqualTo(2);
            assertThat(err().lines()).hasSize(6).allSatisfy(line -> assertThat(line).startsWith("jclaw: ")
                    .endsWith("(see 'jclaw help')"));
            assertThat(out()).isEmpty();
        }
    }

    @Nested
    class ConfigCheck {
        @Test
        void accepts_a_valid_file_and_names_it() throws Exception {
            Files.writeString(home.resolve("jclaw.json"), "{\"server\": {\"port\": 9000}}");
            assertThat(run("config", "check")).isZero();
            assertThat(out()).contains("valid").contains("jclaw.json");
        }

        @Test
        void rejects_a_bad_file_with_one_line_naming_file_and_key() throws Exception {
            Files.writeString(home.resolve("jclaw.json"), "{\"server\": {\"prot\": 9000}}");
            assertThat(run("config", "check")).isEqualTo(1);
            assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line)
                    .contains("jclaw.json").contains("server.prot").contains("unknown key"));
        }

        @Test
        void rejects_a_missing_explicit_file() {
            assertThat(run("--config", home.resolve("nope.json").toString(), "config", "check")).isEqualTo(1);
            assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line).contains("nope.json"));
        }
    }

    @Nested
    class Plugins {
        @Test
        void lists_the_directory_when_no_server_runs() {
            plugin("alpha-one", "1.2.3");
            assertThat(run("plugins", "list")).isZero();
            assertThat(out()).contains("No server is running").contains("alpha-one").contains("1.2.3")
                    .contains("INSTALLED");
        }

        @Test
        @SuppressWarnings("try") // the server only has to run while the CLI asks it
        void asks_the_running_server_when_there_is_one() throws Exception {
            plugin("alpha-one", "1.2.3");
            try (JClawServer server = JClawServer.start(ConfigLoader.builder().workingDir(home).environment(env).build().load(),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
                assertThat(run("plugins", "list")).isZero();
                assertThat(out()).contains("Plugins of the running server").contains("alpha-one").contains("ACTIVE");
                // its module provides no service: ACTIVE, but said to do nothing
                assertThat(out()).contains("warning: plugin 'alpha-one' provides no service");
                assertThat(run("plugins", "info", "alpha-one")).isZero();
                assertThat(out()).contains("\"state\": \"ACTIVE\"")
                        .contains("\"warning\": \"plugin 'alpha-one' provides no service: its module-info.java");
            }
        }

        @Test
        void says_which_id_is_unknown_in_one_sentence_with_exit_1() {
            assertThat(run("plugins", "info", "ghost")).isEqualTo(1);
            assertThat(err().lines()).singleElement().satisfies(line -> assertThat(line)
                    .isEqualTo("jclaw: no plugin with id 'ghost'; 'jclaw plugins list' shows their ids"));
        }

        @Test
        void lists_in_columns_as_wide_as_their_values() {
            plugin("a", "1.0");
            plugin("alpha-plugin-named-at-some-size", "10.20.30-SNAPSHOT");
            assertThat(run("plugins", "list")).isZero();
            List<String> table = out().lines().skip(1).toList();
            assertThat(table).hasSize(3);
            // every column starts where its header does, two spaces after the widest value before it
            for (String header : List.of("VERSION", "STATE")) {
                int at = table.getFirst().indexOf(header);
                assertThat(table).allSatisfy(row -> assertThat(row.charAt(at - 1)).isEqualTo(' '))
                        .allSatisfy(row -> assertThat(row.charAt(at)).isNotEqualTo(' '));
            }
            assertThat(table.getFirst()).startsWith("  ID" + " ".repeat(31 - 2 + 2) + "VERSION"
                    + " ".repeat(17 - 7 + 2) + "STATE");
        }
    }
}
