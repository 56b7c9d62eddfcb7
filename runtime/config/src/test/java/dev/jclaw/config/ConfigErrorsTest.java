package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every message names the file (or variable), the key path and what was expected, on one line. */
class ConfigErrorsTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    private static void assertOneLine(ConfigException e) {
        assertThat(e.getMessage()).doesNotContain("\n", "\r");
    }

    @Nested
    class UnknownKeys {

        @Test
        void at_the_top_level_list_the_known_keys() {
            ConfigException e = fixture.error("{\"server\": {}, \"sever\": {}}");

            assertThat(e).hasMessage("jclaw.json: sever: unknown key; expected one of "
                    + "$schema, server, admin, auth, plugins, models, agent, memory, gateway, sandbox, data-dir, workspace");
            assertThat(e.source()).isEqualTo("jclaw.json");
            assertThat(e.keyPath()).isEqualTo("sever");
            assertThat(e.variable()).isEmpty();
            assertOneLine(e);
        }

        @Test
        void in_a_section_name_the_full_path() {
            assertThat(fixture.error("{\"server\": {\"prot\": 80}}")).hasMessage("jclaw.json: server.prot: "
                    + "unknown key; expected one of host, port, shutdown-grace-seconds, max-body-bytes, "
                    + "header-timeout-ms, read-timeout-ms, idle-timeout-seconds, max-connections, allowed-hosts");
        }

        @Test
        void quote_names_that_are_not_plain_words() {
            assertThat(fixture.error("{\"server\": {\"max body\": 1}}"))
                    .hasMessageStartingWith("jclaw.json: server[\"max body\"]: unknown key;")
                    .returns("server[\"max body\"]", ConfigException::keyPath);
        }
    }

    @Nested
    class WrongValues {

        @Test
        void name_the_expected_type_and_range_and_the_value_found() {
            fixture.write("configs/jclaw.json", "{\"server\": {\"port\": \"eighty\"}}");

            ConfigException e = fixture.error();

            assertThat(e).hasMessage(Path.of("configs", "jclaw.json")
                    + ": server.port: expected an integer between 0 and 65535, got \"eighty\"");
            assertThat(e.keyPath()).isEqualTo("server.port");
        }

        @Test
        void name_out_of_range_numbers() {
            assertThat(fixture.error("{\"server\": {\"port\": 70000}}"))
                    .hasMessage("jclaw.json: server.port: expected an integer between 0 and 65535, got 70000");
            assertThat(fixture.error("{\"plugins\": {\"start-timeout-ms\": 99}}")).hasMessage(
                    "jclaw.json: plugins.start-timeout-ms: expected an integer between 100 and 600000, got 99");
        }

        @Test
        void refuse_fractions_for_integers() {
            assertThat(fixture.error("{\"server\": {\"shutdown-grace-seconds\": 1.5}}")).hasMessage(
                    "jclaw.json: server.shutdown-grace-seconds: expected an integer between 0 and 300, got 1.5");
        }

        @Test
        void refuse_strings_for_booleans() {
            assertThat(fixture.error("{\"plugins\": {\"watch\": \"yes\"}}"))
                    .hasMessage("jclaw.json: plugins.watch: expected true or false, got \"yes\"");
        }

        @Test
        void refuse_null_and_containers_for_scalars() {
            assertThat(fixture.error("{\"server\": {\"host\": null}}"))
                    .hasMessageEndingWith("server.host: expected a host name or IP address without spaces, got null");
            assertThat(fixture.error("{\"server\": {\"host\": [\"a\"]}}"))
                    .hasMessageEndingWith("server.host: expected a host name or IP address without spaces, got an array");
        }

        @Test
        void refuse_a_string_that_does_not_match_the_pattern_saying_the_rule_in_words() {
            assertThat(fixture.error("{\"server\": {\"host\": \"my host\"}}"))
                    .hasMessage("jclaw.json: server.host: expected a host name or IP address without spaces, got \"my host\"");
        }

        @Test
        void refuse_an_empty_path() {
            assertThat(fixture.error("{\"plugins\": {\"dir\": \"\"}}"))
                    .hasMessage("jclaw.json: plugins.dir: expected a non-empty string, got \"\"");
        }

        @Test
        void refuse_a_scalar_where_a_section_belongs() {
            assertThat(fixture.error("{\"server\": 8080}"))
                    .hasMessage("jclaw.json: server: expected an object, got 8080");
        }

        @Test
        void refuse_a_plugin_section_that_is_not_an_object() {
            assertThat(fixture.error("{\"plugins\": {\"config\": {\"com.example.clock\": \"utc\"}}}"))
                    .hasMessage("jclaw.json: plugins.config[\"com.example.clock\"]: expected an object, got \"utc\"");
        }

        @Test
        void shorten_long_values() {
            String longHost = "h ".repeat(100);

            assertThat(fixture.error("{\"server\": {\"host\": \"" + longHost + "\"}}").getMessage())
                    .endsWith("...\"")
                    .hasSizeLessThan(150);
        }

        @Test
        void report_the_first_problem_in_document_order() {
            assertThat(fixture.error("{\"plugins\": {\"watch\": 1}, \"server\": {\"port\": -1}, \"x\": 1}"))
                    .returns("plugins.watch", ConfigException::keyPath);
            assertThat(fixture.error("{\"server\": {\"bogus\": 1}, \"admin\": {\"token\": \"{env:UNSET}\"}}"))
                    .returns("server.bogus", ConfigException::keyPath);
        }
    }

    @Nested
    class Secrets {

        @Test
        void are_redacted_from_type_and_length_errors() {
            ConfigException e = fixture.error("{\"admin\": {\"token\": \"hunter2\"}}");

            assertThat(e).hasMessage("jclaw.json: admin.token: expected a string of at least 16 characters, got <redacted>");
        }

        @Test
        void are_redacted_when_they_come_from_the_environment() {
            fixture.env("JCLAW_ADMIN_TOKEN", "hunter2");

            assertThat(fixture.error()).hasMessage("environment JCLAW_ADMIN_TOKEN (admin.token): "
                    + "expected a string of at least 16 characters, got <redacted>");
        }

        @Test
        void are_redacted_when_they_come_from_a_placeholder() {
            fixture.env("SHORT", "hunter2");

            assertThat(fixture.error("{\"admin\": {\"token\": \"{env:SHORT}\"}}").getMessage())
                    .endsWith("got <redacted>")
                    .doesNotContain("hunter2");
        }

        @Test
        void are_recognised_by_the_words_in_the_key_name() {
            assertThat(KeyPath.of("admin", "token").isSecret()).isTrue();
            assertThat(KeyPath.of("db", "password").isSecret()).isTrue();
            assertThat(KeyPath.of("x", "client-secret").isSecret()).isTrue();
            assertThat(KeyPath.of("x", "api-key").isSecret()).isTrue();
            assertThat(KeyPath.of("x", "OPENAI_API_KEY").isSecret()).isTrue();
            assertThat(KeyPath.of("x", "apiKey").isSecret()).isTrue();
            assertThat(KeyPath.of("x", "tokens").index(0).isSecret()).isTrue();
            assertThat(KeyPath.of("server", "port").isSecret()).isFalse();
        }

        @Test
        void keep_a_malformed_placeholders_fallback_out_of_the_message() {
            assertThat(fixture.error("{\"admin\": {\"token\": \"{env:9BAD:-s3cr3t-fallback}\"}}").getMessage())
                    .contains("malformed placeholder {env:9BAD:-...}")
                    .doesNotContain("s3cr3t");
        }
    }

    @Nested
    class PlaceholderProblems {

        @Test
        void name_the_unset_variable_and_the_key() {
            ConfigException e = fixture.error("{\"server\": {\"host\": \"{env:JCLAW_TEST_HOST}\"}}");

            assertThat(e).hasMessage("jclaw.json: server.host: placeholder {env:JCLAW_TEST_HOST} refers to "
                    + "environment variable JCLAW_TEST_HOST, which is not set; expected it to be set, "
                    + "or a fallback as in {env:JCLAW_TEST_HOST:-value}");
            assertThat(e.keyPath()).isEqualTo("server.host");
        }

        @Test
        void are_found_inside_plugin_sections_too() {
            assertThat(fixture.error("{\"plugins\": {\"config\": {\"llm\": {\"keys\": [\"{env:NOPE}\"]}}}}"))
                    .returns("plugins.config.llm.keys[0]", ConfigException::keyPath)
                    .hasMessageContaining("environment variable NOPE, which is not set");
        }

        @Test
        void include_an_unterminated_placeholder() {
            assertThat(fixture.error("{\"server\": {\"host\": \"{env:HOST\"}}")).hasMessage("jclaw.json: server.host: "
                    + "unterminated placeholder starting \"{env:HOST\"; expected {env:NAME} or {env:NAME:-fallback}");
        }

        @Test
        void include_a_placeholder_whose_value_is_not_of_the_keys_type() {
            fixture.env("PORT", "http");

            assertThat(fixture.error("{\"server\": {\"port\": \"{env:PORT}\"}}"))
                    .hasMessage("jclaw.json: server.port: expected an integer between 0 and 65535, got \"http\"");
        }
    }

    @Nested
    class EnvironmentProblems {

        @Test
        void name_the_variable_the_key_and_the_expectation() {
            fixture.env("JCLAW_SERVER_PORT", "x");

            ConfigException e = fixture.error();

            assertThat(e).hasMessage("environment JCLAW_SERVER_PORT (server.port): "
                    + "expected an integer between 0 and 65535, got \"x\"");
            assertThat(e.source()).isEqualTo(ConfigException.ENVIRONMENT);
            assertThat(e.keyPath()).isEqualTo("server.port");
            assertThat(e.variable()).contains("JCLAW_SERVER_PORT");
        }

        @Test
        void refuse_out_of_range_numbers_and_non_booleans() {
            fixture.env("JCLAW_PLUGINS_DRAIN_TIMEOUT_MS", "-1");
            assertThat(fixture.error()).hasMessage("environment JCLAW_PLUGINS_DRAIN_TIMEOUT_MS "
                    + "(plugins.drain-timeout-ms): expected an integer between 0 and 600000, got \"-1\"");

            fixture.env.clear();
            fixture.env("JCLAW_PLUGINS_WATCH", "yes");
            assertThat(fixture.error())
                    .hasMessage("environment JCLAW_PLUGINS_WATCH (plugins.watch): expected true or false, got \"yes\"");
        }

        @Test
        void refuse_numbers_with_decoration() {
            fixture.env("JCLAW_SERVER_PORT", " 80");

            assertThat(fixture.error()).hasMessageEndingWith("got \" 80\"");
        }

        @Test
        void come_after_problems_in_the_file() {
            fixture.env("JCLAW_SERVER_PORT", "x");

            assertThat(fixture.error("{\"server\": {\"port\": \"y\"}}")).returns("jclaw.json", ConfigException::source);
        }
    }

    @Nested
    class FileProblems {

        @Test
        void invalid_json_names_line_and_column() {
            ConfigException e = fixture.error("{\n  \"server\": {\n    port: 1\n  }\n}");

            assertThat(e).hasMessage("jclaw.json: invalid JSON at line 3, column 5: expected a member name in double quotes");
            assertThat(e.keyPath()).isEmpty();
            assertThat(e).hasCauseInstanceOf(dev.jclaw.api.json.JsonException.class);
        }

        @Test
        void comments_and_trailing_commas_are_invalid_json() {
            assertThat(fixture.error("{\"server\": {\"port\": 1,}}")).hasMessageStartingWith("jclaw.json: invalid JSON at line 1");
            assertThat(fixture.error("// port\n{}")).hasMessageStartingWith("jclaw.json: invalid JSON at line 1, column 1");
        }

        @Test
        void duplicate_keys_are_invalid_json() {
            assertThat(fixture.error("{\"server\": {\"port\": 1, \"port\": 2}}"))
                    .hasMessageContaining("duplicate member name \"port\"");
        }

        @Test
        void an_empty_file_is_refused() {
            assertThat(fixture.error("  \n")).hasMessage("jclaw.json: expected a JSON object, got an empty file");
        }

        @Test
        void a_top_level_array_is_refused() {
            assertThat(fixture.error("[{\"server\": {}}]"))
                    .hasMessage("jclaw.json: expected a JSON object at the top level, got an array");
        }

        @Test
        void a_file_over_one_mebibyte_is_refused() {
            String big = "{\"$schema\": \"" + "x".repeat((int) ConfigLoader.MAX_FILE_BYTES) + "\"}";

            assertThat(fixture.error(big)).hasMessage("jclaw.json: expected a file of at most 1 MiB (1048576 bytes), got "
                    + big.length() + " bytes");
        }

        @Test
        void a_file_of_exactly_one_mebibyte_is_read() {
            String prefix = "{\"$schema\": \"";
            String padded = prefix + "x".repeat((int) ConfigLoader.MAX_FILE_BYTES - prefix.length() - 2) + "\"}";

            assertThat(fixture.load(padded).server().port()).isEqualTo(7878);
        }

        @Test
        void bytes_that_are_not_utf8_are_refused() throws IOException {
            Files.write(fixture.workingDir.resolve("jclaw.json"), new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});

            assertThat(fixture.error()).hasMessage("jclaw.json: expected UTF-8 text, got bytes that are not valid UTF-8");
        }

        @Test
        void a_directory_in_the_files_place_is_reported_not_skipped() throws IOException {
            Files.createDirectories(fixture.workingDir.resolve("jclaw.json"));
            fixture.write("configs/jclaw.json", "{}");

            assertThat(fixture.error()).hasMessage("jclaw.json: is a directory; expected a JSON file");
        }

        @Test
        void a_missing_explicit_file_is_reported() {
            assertThatThrownBy(() -> fixture.loader().file(Path.of("nope.json")).build().load())
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("nope.json: file not found; expected an existing configuration file");
        }

        @Test
        void a_file_outside_the_working_directory_is_named_by_its_absolute_path() {
            Path file = fixture.write(tempDir.resolve("etc/jclaw.json"), "[]");

            assertThatThrownBy(() -> fixture.loader().file(file).build().load())
                    .hasMessageStartingWith(file + ": expected a JSON object");
        }
    }

    @Nested
    class ProblemsFoundLater {

        @Test
        void can_be_reported_in_the_same_format() {
            ConfigException e = ConfigException.at("configs/jclaw.json", "server.port",
                    "port 7878 is in use; expected a free port, or 0 to pick one");

            assertThat(e).hasMessage("configs/jclaw.json: server.port: port 7878 is in use; expected a free port, or 0 to pick one");
            assertThat(e.source()).isEqualTo("configs/jclaw.json");
            assertThat(e.keyPath()).isEqualTo("server.port");
        }

        @Test
        void name_the_defaults_when_no_file_was_read() {
            JClawConfig config = fixture.load();

            assertThat(config.provenance().error("server.port", "port 7878 is in use"))
                    .hasMessage("default configuration: server.port: port 7878 is in use");
        }
    }
}
