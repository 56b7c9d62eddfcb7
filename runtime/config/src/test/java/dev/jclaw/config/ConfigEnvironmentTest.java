package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values from the environment: {@code {env:VAR}} placeholders and {@code JCLAW_*} overrides. */
class ConfigEnvironmentTest {

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    @Nested
    class PlaceholderValues {

        @Test
        void replace_a_whole_string_value() {
            fixture.env("TOKEN", "0123456789abcdef");

            assertThat(fixture.load("{\"admin\": {\"token\": \"{env:TOKEN}\"}}").admin().token())
                    .contains("0123456789abcdef");
        }

        @Test
        void work_inside_a_longer_string_and_more_than_once() {
            fixture.env("BASE", "/srv").env("NAME", "jclaw");

            assertThat(fixture.load("{\"data-dir\": \"{env:BASE}/{env:NAME}/data\"}").dataDir())
                    .isEqualTo(Path.of("/srv/jclaw/data"));
        }

        @Test
        void use_the_fallback_when_the_variable_is_unset_or_empty() {
            fixture.env("EMPTY", "");

            JClawConfig config = fixture.load("""
                    {"server": {"host": "{env:UNSET:-localhost}"}, "data-dir": "{env:EMPTY:-/tmp/x}"}""");

            assertThat(config.server().host()).isEqualTo("localhost");
            assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/x"));
        }

        @Test
        void ignore_the_fallback_when_the_variable_is_set() {
            fixture.env("HOST", "10.0.0.1");

            assertThat(fixture.load("{\"server\": {\"host\": \"{env:HOST:-localhost}\"}}").server().host())
                    .isEqualTo("10.0.0.1");
        }

        @Test
        void are_read_as_numbers_and_booleans_under_such_keys() {
            fixture.env("PORT", "8081").env("WATCH", "false");

            JClawConfig config = fixture.load("""
                    {"server": {"port": "{env:PORT}", "shutdown-grace-seconds": "{env:GRACE:-3}"},
                     "plugins": {"watch": "{env:WATCH}"}}""");

            assertThat(config.server().port()).isEqualTo(8081);
            assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.plugins().watch()).isFalse();
            assertThat(config.raw().optObject("server").orElseThrow().optLong("port")).contains(8081L);
        }

        @Test
        void do_not_expand_placeholders_inside_substituted_values() {
            fixture.env("A", "{env:B}").env("B", "never");

            assertThat(fixture.load("{\"server\": {\"host\": \"{env:A}\"}}").server().host()).isEqualTo("{env:B}");
        }
    }

    @Nested
    class EnvironmentVariables {

        @Test
        void set_integers_strings_and_booleans_from_text() {
            fixture.env("JCLAW_SERVER_PORT", "9090")
                    .env("JCLAW_SERVER_HOST", "::1")
                    .env("JCLAW_PLUGINS_WATCH", "FALSE")
                    .env("JCLAW_PLUGINS_START_TIMEOUT_MS", "250")
                    .env("JCLAW_ADMIN_TOKEN", "abcdefghijklmnop");

            JClawConfig config = fixture.load();

            assertThat(config.server().port()).isEqualTo(9090);
            assertThat(config.server().host()).isEqualTo("::1");
            assertThat(config.plugins().watch()).isFalse();
            assertThat(config.plugins().startTimeout()).isEqualTo(Duration.ofMillis(250));
            assertThat(config.admin().token()).contains("abcdefghijklmnop");
        }

        @Test
        void win_over_the_file_and_keep_the_files_other_values() {
            fixture.env("JCLAW_SERVER_PORT", "9090");

            JClawConfig config = fixture.load("{\"server\": {\"port\": 1, \"host\": \"0.0.0.0\"}}");

            assertThat(config.server().port()).isEqualTo(9090);
            assertThat(config.server().host()).isEqualTo("0.0.0.0");
        }

        @Test
        void set_top_level_paths() {
            fixture.env("JCLAW_DATA_DIR", "/d").env("JCLAW_WORKSPACE", "ws");

            JClawConfig config = fixture.load();

            assertThat(config.dataDir()).isEqualTo(Path.of("/d"));
            assertThat(config.workspace()).isEqualTo(fixture.workingDir.resolve("ws"));
        }

        @Test
        void are_ignored_when_empty() {
            fixture.env("JCLAW_SERVER_PORT", "");

            assertThat(fixture.load("{\"server\": {\"port\": 1}}").server().port()).isEqualTo(1);
        }

        @Test
        void are_taken_literally_without_resolving_placeholders() {
            fixture.env("JCLAW_SERVER_HOST", "{env:NOPE}");

            assertThat(fixture.load().server().host()).isEqualTo("{env:NOPE}");
        }

        @Test
        void are_recorded_so_that_later_errors_name_the_variable() {
            fixture.env("JCLAW_SERVER_PORT", "9090");

            JClawConfig config = fixture.load("{\"server\": {\"host\": \"0.0.0.0\"}}");

            assertThat(config.provenance().environmentOverrides()).containsExactly(
                    Map.entry("server.port", "JCLAW_SERVER_PORT"));
            assertThat(config.provenance().error("server.port", "port 9090 is in use; expected a free port"))
                    .hasMessage("environment JCLAW_SERVER_PORT (server.port): port 9090 is in use; expected a free port")
                    .returns("environment", ConfigException::source)
                    .returns("server.port", ConfigException::keyPath);
            assertThat(config.provenance().error("server.host", "cannot bind; expected a local address"))
                    .hasMessage("jclaw.json: server.host: cannot bind; expected a local address")
                    .returns("jclaw.json", ConfigException::source);
        }

        @Test
        void are_listed_for_every_scalar_key_outside_plugin_sections() {
            assertThat(ConfigLoader.environmentMapping())
                    .extracting(EnvironmentOverride::variable, EnvironmentOverride::keyPath)
                    .containsExactly(
                            tuple("JCLAW_SERVER_HOST", "server.host"),
                            tuple("JCLAW_SERVER_PORT", "server.port"),
                            tuple("JCLAW_SERVER_SHUTDOWN_GRACE_SECONDS",
                                    "server.shutdown-grace-seconds"),
                            tuple("JCLAW_SERVER_MAX_BODY_BYTES", "server.max-body-bytes"),
                            tuple("JCLAW_SERVER_HEADER_TIMEOUT_MS", "server.header-timeout-ms"),
                            tuple("JCLAW_SERVER_READ_TIMEOUT_MS", "server.read-timeout-ms"),
                            tuple("JCLAW_SERVER_IDLE_TIMEOUT_SECONDS", "server.idle-timeout-seconds"),
                            tuple("JCLAW_SERVER_MAX_CONNECTIONS", "server.max-connections"),
                            tuple("JCLAW_ADMIN_TOKEN", "admin.token"),
                            tuple("JCLAW_ADMIN_TOKEN_FILE", "admin.token-file"),
                            tuple("JCLAW_AUTH_SESSION_TTL_MINUTES", "auth.session-ttl-minutes"),
                            tuple("JCLAW_AUTH_ADMIN_TIER", "auth.admin-tier"),
                            tuple("JCLAW_AUTH_LOGIN_THROTTLE_FAILURES", "auth.login-throttle.failures"),
                            tuple("JCLAW_AUTH_LOGIN_THROTTLE_WINDOW_SECONDS",
                                    "auth.login-throttle.window-seconds"),
                            tuple("JCLAW_AUTH_LOGIN_THROTTLE_MAX_BACKOFF_SECONDS",
                                    "auth.login-throttle.max-backoff-seconds"),
                            tuple("JCLAW_PLUGINS_DIR", "plugins.dir"),
                            tuple("JCLAW_PLUGINS_START_TIMEOUT_MS",
                                    "plugins.start-timeout-ms"),
                            tuple("JCLAW_PLUGINS_DRAIN_TIMEOUT_MS",
                                    "plugins.drain-timeout-ms"),
                            tuple("JCLAW_PLUGINS_WATCH", "plugins.watch"),
                            tuple("JCLAW_MODELS_DEFAULT", "models.default"),
                            tuple("JCLAW_AGENT_APPROVAL", "agent.approval"),
                            tuple("JCLAW_AGENT_MAX_STEPS", "agent.max-steps"),
                            tuple("JCLAW_AGENT_TURN_TIMEOUT_SECONDS", "agent.turn-timeout-seconds"),
                            tuple("JCLAW_AGENT_IDLE_TIMEOUT_SECONDS", "agent.idle-timeout-seconds"),
                            tuple("JCLAW_AGENT_TOOL_TIMEOUT_SECONDS", "agent.tool-timeout-seconds"),
                            tuple("JCLAW_AGENT_TOOL_OUTPUT_CHARS", "agent.tool-output-chars"),
                            tuple("JCLAW_MEMORY_ENABLED", "memory.enabled"),
                            tuple("JCLAW_MEMORY_EMBEDDING", "memory.embedding"),
                            tuple("JCLAW_MEMORY_DIMENSIONS", "memory.dimensions"),
                            tuple("JCLAW_MEMORY_FACTS", "memory.facts"),
                            tuple("JCLAW_MEMORY_PROCEDURES", "memory.procedures"),
                            tuple("JCLAW_MEMORY_ARCHIVES", "memory.archives"),
                            tuple("JCLAW_MEMORY_ARCHIVE_MIN_SIMILARITY", "memory.archive-min-similarity"),
                            tuple("JCLAW_MEMORY_TRANSLATE", "memory.translate"),
                            tuple("JCLAW_GATEWAY_MAX_TURNS_PER_USER", "gateway.max-turns-per-user"),
                            tuple("JCLAW_GATEWAY_MAX_QUEUED_PER_CONVERSATION",
                                    "gateway.max-queued-per-conversation"),
                            tuple("JCLAW_GATEWAY_APPROVAL_DEADLINE_SECONDS", "gateway.approval-deadline-seconds"),
                            tuple("JCLAW_SANDBOX_ENABLED", "sandbox.enabled"),
                            tuple("JCLAW_SANDBOX_REQUIRED", "sandbox.required"),
                            tuple("JCLAW_SANDBOX_NETWORK", "sandbox.network"),
                            tuple("JCLAW_DATA_DIR", "data-dir"),
                            tuple("JCLAW_WORKSPACE", "workspace"));
        }
    }
}
