package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    @Nested
    class WithoutAnyFile {

        @Test
        void uses_the_schema_defaults() {
            JClawConfig config = fixture.load();

            assertThat(config.server()).isEqualTo(
                    new JClawConfig.Server("127.0.0.1", 7878, Duration.ofSeconds(10), 1_048_576));
            assertThat(config.admin().token()).isEmpty();
            assertThat(config.plugins().dir()).isEqualTo(fixture.workingDir.resolve("plugins"));
            assertThat(config.plugins().startTimeout()).isEqualTo(Duration.ofMillis(5000));
            assertThat(config.plugins().drainTimeout()).isEqualTo(Duration.ofMillis(10_000));
            assertThat(config.plugins().watch()).isTrue();
            assertThat(config.plugins().config()).isEmpty();
        }

        @Test
        void puts_home_in_the_users_home_and_data_and_workspace_below_it() {
            JClawConfig config = fixture.load();

            Path home = fixture.userHome.resolve(".jclaw");
            assertThat(config.home()).isEqualTo(home);
            assertThat(config.dataDir()).isEqualTo(home.resolve("data"));
            assertThat(config.workspace()).isEqualTo(home.resolve("data").resolve("workspace"));
        }

        @Test
        void reports_that_no_file_was_read() {
            JClawConfig config = fixture.load();

            assertThat(config.file()).isEmpty();
            assertThat(config.provenance().source()).isEqualTo(Provenance.DEFAULTS);
        }

        @Test
        void keeps_the_defaults_in_the_raw_document() {
            JsonObject raw = fixture.load().raw();

            assertThat(raw.optObject("server").orElseThrow().optLong("port")).contains(7878L);
            assertThat(raw.optObject("plugins").orElseThrow().optObject("config")).contains(JsonObject.EMPTY);
            assertThat(raw.members()).doesNotContainKeys("admin", "data-dir", "workspace");
        }
    }

    @Nested
    class Discovery {

        @Test
        void prefers_jclaw_json_in_the_working_directory() {
            fixture.write("jclaw.json", "{\"server\": {\"port\": 1}}");
            fixture.write("configs/jclaw.json", "{\"server\": {\"port\": 2}}");
            fixture.write(fixture.userHome.resolve(".jclaw/jclaw.json"), "{\"server\": {\"port\": 3}}");

            JClawConfig config = fixture.load();

            assertThat(config.server().port()).isEqualTo(1);
            assertThat(config.file()).contains(fixture.workingDir.resolve("jclaw.json"));
            assertThat(config.provenance().source()).isEqualTo("jclaw.json");
        }

        @Test
        void then_looks_in_the_configs_directory() {
            fixture.write("configs/jclaw.json", "{\"server\": {\"port\": 2}}");
            fixture.write(fixture.userHome.resolve(".jclaw/jclaw.json"), "{\"server\": {\"port\": 3}}");

            JClawConfig config = fixture.load();

            assertThat(config.server().port()).isEqualTo(2);
            assertThat(config.provenance().source()).isEqualTo(Path.of("configs", "jclaw.json").toString());
        }

        @Test
        void then_looks_in_the_home_directory() {
            Path file = fixture.write(fixture.userHome.resolve(".jclaw/jclaw.json"), "{\"server\": {\"port\": 3}}");

            JClawConfig config = fixture.load();

            assertThat(config.server().port()).isEqualTo(3);
            assertThat(config.file()).contains(file);
        }

        @Test
        void takes_the_home_directory_from_jclaw_home() {
            Path home = tempDir.resolve("elsewhere");
            fixture.write(home.resolve("jclaw.json"), "{\"server\": {\"port\": 4}}");
            fixture.env("JCLAW_HOME", home.toString());

            JClawConfig config = fixture.load();

            assertThat(config.server().port()).isEqualTo(4);
            assertThat(config.home()).isEqualTo(home);
            assertThat(config.dataDir()).isEqualTo(home.resolve("data"));
            assertThat(config.provenance().source()).isEqualTo(home.resolve("jclaw.json").toString());
        }

        @Test
        void resolves_a_relative_jclaw_home_against_the_working_directory() {
            fixture.env("JCLAW_HOME", "state");

            assertThat(fixture.load().home()).isEqualTo(fixture.workingDir.resolve("state"));
        }

        @Test
        void treats_an_empty_jclaw_home_as_unset() {
            fixture.env("JCLAW_HOME", "");

            assertThat(fixture.load().home()).isEqualTo(fixture.userHome.resolve(".jclaw"));
        }

        @Test
        void loads_an_explicit_file_instead_of_searching() {
            fixture.write("jclaw.json", "{\"server\": {\"port\": 1}}");
            Path other = fixture.write("other/custom.json", "{\"server\": {\"port\": 5}}");

            JClawConfig config = fixture.loader().file(Path.of("other/custom.json")).build().load();

            assertThat(config.server().port()).isEqualTo(5);
            assertThat(config.file()).contains(other);
        }

        @Test
        void lists_the_same_candidates_as_the_documentation() {
            Path home = Path.of("/h");
            assertThat(ConfigFile.candidates(Path.of("/w"), home)).containsExactly(
                    Path.of("/w/jclaw.json"), Path.of("/w/configs/jclaw.json"), Path.of("/h/jclaw.json"));
        }
    }

    @Nested
    class FileValues {

        @Test
        void override_every_default() {
            JClawConfig config = fixture.load("""
                    {
                      "$schema": "./jclaw.schema.json",
                      "server": {"host": "0.0.0.0", "port": 0, "shutdown-grace-seconds": 0, "max-body-bytes": 2048},
                      "admin": {"token": "0123456789abcdef"},
                      "plugins": {"dir": "/opt/plugins", "start-timeout-ms": 100, "drain-timeout-ms": 0,
                                  "watch": false},
                      "data-dir": "/var/lib/jclaw",
                      "workspace": "/srv/work"
                    }""");

            assertThat(config.server()).isEqualTo(new JClawConfig.Server("0.0.0.0", 0, Duration.ZERO, 2048));
            assertThat(config.admin().token()).contains("0123456789abcdef");
            assertThat(config.plugins().dir()).isEqualTo(Path.of("/opt/plugins"));
            assertThat(config.plugins().startTimeout()).isEqualTo(Duration.ofMillis(100));
            assertThat(config.plugins().drainTimeout()).isEqualTo(Duration.ZERO);
            assertThat(config.plugins().watch()).isFalse();
            assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/jclaw"));
            assertThat(config.workspace()).isEqualTo(Path.of("/srv/work"));
        }

        @Test
        void accept_an_integer_written_with_a_zero_fraction() {
            assertThat(fixture.load("{\"server\": {\"port\": 8080.0}}").server().port()).isEqualTo(8080);
        }

        @Test
        void put_the_workspace_below_a_configured_data_dir() {
            JClawConfig config = fixture.load("{\"data-dir\": \"/var/lib/jclaw\"}");

            assertThat(config.workspace()).isEqualTo(Path.of("/var/lib/jclaw/workspace"));
        }

        @Test
        void resolve_relative_paths_against_the_working_directory_not_the_files_directory() {
            fixture.write("configs/jclaw.json", "{\"plugins\": {\"dir\": \"my-plugins\"}, \"data-dir\": \"../data\"}");

            JClawConfig config = fixture.load();

            assertThat(config.plugins().dir()).isEqualTo(fixture.workingDir.resolve("my-plugins"));
            assertThat(config.dataDir()).isEqualTo(tempDir.resolve("data"));
        }

        @Test
        void expand_a_leading_tilde_to_the_users_home() {
            JClawConfig config = fixture.load("{\"data-dir\": \"~/jclaw-data\", \"workspace\": \"~\"}");

            assertThat(config.dataDir()).isEqualTo(fixture.userHome.resolve("jclaw-data"));
            assertThat(config.workspace()).isEqualTo(fixture.userHome);
        }

        @Test
        void accept_a_byte_order_mark_before_the_json() {
            assertThat(fixture.load("\ufeff{\"server\": {\"port\": 9}}").server().port()).isEqualTo(9);
        }
    }

    @Nested
    class PluginSections {

        @Test
        void keep_each_plugins_section_as_a_json_object_in_file_order() {
            JClawConfig config = fixture.load("""
                    {"plugins": {"config": {
                      "com.example.clock": {"zone": "UTC", "formats": ["iso", {"short": true}]},
                      "files": {}
                    }}}""");

            assertThat(config.plugins().config()).containsOnlyKeys("com.example.clock", "files");
            assertThat(config.plugins().config().keySet()).containsExactly("com.example.clock", "files");
            assertThat(config.plugins().configFor("com.example.clock"))
                    .isEqualTo(Json.parseObject("{\"zone\": \"UTC\", \"formats\": [\"iso\", {\"short\": true}]}"));
        }

        @Test
        void give_an_empty_object_to_a_plugin_without_a_section() {
            assertThat(fixture.load().plugins().configFor("absent")).isSameAs(JsonObject.EMPTY);
        }

        @Test
        void resolve_placeholders_anywhere_inside_a_section() {
            fixture.env("OPENAI_KEY", "sk-123");

            JClawConfig config = fixture.load("""
                    {"plugins": {"config": {"openai": {"auth": {"api-key": "{env:OPENAI_KEY}"},
                                                       "headers": ["X-Key: {env:OPENAI_KEY}"], "retries": 3}}}}""");

            assertThat(config.plugins().configFor("openai")).isEqualTo(Json.parseObject("""
                    {"auth": {"api-key": "sk-123"}, "headers": ["X-Key: sk-123"], "retries": 3}"""));
        }

        @Test
        void are_not_printed_by_to_string_since_they_may_hold_secrets() {
            fixture.env("OPENAI_KEY", "sk-123");

            JClawConfig config = fixture.load("""
                    {"admin": {"token": "0123456789abcdef"},
                     "plugins": {"config": {"openai": {"api-key": "{env:OPENAI_KEY}"}}}}""");

            assertThat(config.toString()).contains("openai").doesNotContain("sk-123", "0123456789abcdef");
        }
    }
}
