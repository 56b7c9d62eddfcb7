package dev.jclaw.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.jclaw.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jclaw config check} says what it resolved, never a secret, and failures are one sentence each. */
class ConfigCheckTest {
    /** A Java class name in a sentence: {@code AccessDeniedException}, {@code java.io.IOException}. */
    static final Pattern CLASS_NAME = Pattern.compile("[A-Z][A-Za-z]*(Exception|Error)\\b|java\\.[a-z]+\\.");

    @TempDir
    Path home;
    Path work;
    Path app;
    Map<String, String> env;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createDirectories(home.resolve("work"));
        app = home.resolve("dist");
        Files.createDirectories(app.resolve("plugins/tools-web"));
        Files.writeString(app.resolve("plugins/tools-files.jar"), "not really a jar");
        Files.writeString(app.resolve("plugins/.tools-files.tmp"), "hidden");
        env = new HashMap<>();
        env.put("JCLAW_HOME", home.resolve("jclaw-home").toString());
    }

    int run(String... args) {
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), explicit -> {
                    ConfigLoader.Builder builder = ConfigLoader.builder().workingDir(work).userHome(home)
                            .environment(env).appHome(app);
                    explicit.ifPresent(builder::file);
                    return builder.build();
                });
        return cli.run(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class Report {
        @Test
        void prints_the_file_the_directories_the_plugins_the_model_and_the_providers() throws Exception {
            Files.writeString(work.resolve("jclaw.json"), """
                    {"models": {"default": "local/qwen3", "providers": {
                      "local": {"base-url": "http://127.0.0.1:8000/v1"},
                      "openai": {"base-url": "https://api.openai.com/v1", "api-key": "sk-in-the-file-0123456789"}}}}""");

            assertThat(run("config", "check")).as(err()).isZero();

            assertThat(out()).startsWith("Configuration is valid.\n")
                    .contains("config file:   " + work.resolve("jclaw.json"))
                    .contains("data dir:      " + home.resolve("jclaw-home/data"))
                    .contains("workspace:     " + home.resolve("jclaw-home/data/workspace"))
                    .contains("plugins dir:   " + app.resolve("plugins"))
                    .contains("tools-files.jar, tools-web/")
                    .contains("model:         local/qwen3")
                    .contains("provider:      local http://127.0.0.1:8000/v1 (no api key)")
                    .contains("provider:      openai https://api.openai.com/v1 (api key set)")
                    .doesNotContain(".tools-files.tmp").doesNotContain("warning");
        }

        @Test
        void never_prints_an_api_key_from_the_file_the_environment_or_a_base_url() throws Exception {
            Files.writeString(work.resolve("jclaw.json"), """
                    {"admin": {"token": "admin-token-in-the-file-0123"},
                     "models": {"providers": {"p": {"base-url": "https://user:pw-in-url-0123@llm.example/v1",
                       "api-key": "{env:MY_KEY}"}}}}""");
            env.put("MY_KEY", "sk-from-the-environment-0123");

            assertThat(run("config", "check")).as(err()).isZero();

            assertThat(out()).contains("provider:      p https://<redacted>@llm.example/v1 (api key set)")
                    .doesNotContain("sk-from-the-environment-0123", "pw-in-url-0123", "admin-token-in-the-file-0123");
        }

        @Test
        void the_example_copied_to_the_working_directory_keeps_the_built_in_plugins() throws Exception {
            Files.copy(Path.of("../../configs/jclaw.example.json"), work.resolve("jclaw.json"));
            env.put("OPENAI_API_KEY", "sk-example-secret-0123");

            assertThat(run("config", "check")).as(err()).isZero();

            assertThat(out()).contains("plugins dir:   " + app.resolve("plugins"))
                    .contains("tools-files.jar").contains("provider:      openai https://api.openai.com/v1 (api key set)")
                    .doesNotContain("sk-example-secret-0123").doesNotContain("warning");
        }

        @Test
        void warns_about_a_missing_plugins_directory_and_a_misspelt_variable() throws Exception {
            Files.writeString(work.resolve("jclaw.json"), "{\"plugins\": {\"dir\": \"plugins\"}}");
            env.put("JCLAW_SERVER_PROT", "8080");

            assertThat(run("config", "check")).isZero();

            assertThat(out()).contains("plugins dir:   " + work.resolve("plugins") + "\n"
                            + " ".repeat(17) + "(does not exist: no plugin loads)")
                    .contains("warning: environment variable JCLAW_SERVER_PROT sets no configuration key; did you mean"
                            + " JCLAW_SERVER_PORT (server.port)?")
                    .contains("warning: plugins.dir " + work.resolve("plugins") + " does not exist (set in jclaw.json");
        }

        @Test
        void says_when_no_file_is_found_and_which_variables_apply() {
            env.put("JCLAW_SERVER_PORT", "9999");

            assertThat(run("config", "check")).isZero();

            assertThat(out()).contains("config file:   none; defaults and the environment apply")
                    .contains("environment:   JCLAW_SERVER_PORT").contains("model:         none; set OPENAI_API_KEY");
        }
    }

    @Nested
    class Failures {
        @Test
        void invalid_json_is_one_sentence_naming_the_file_and_the_place() throws Exception {
            Files.writeString(work.resolve("jclaw.json"), "{\"server\": {\"port\": 80,}}");

            assertThat(run("config", "check")).isEqualTo(1);

            assertThat(err().lines().toList()).singleElement().asString().startsWith("jclaw: jclaw.json: ")
                    .contains("line 1").doesNotContainPattern(CLASS_NAME);
        }

        @Test
        void a_directory_given_as_the_file_is_one_sentence() throws Exception {
            Files.createDirectories(work.resolve("conf.d"));

            assertThat(run("--config", "conf.d", "config", "check")).isEqualTo(1);

            assertThat(err()).isEqualTo("jclaw: conf.d: is a directory; expected a JSON file\n");
        }

        @Test
        void an_unreadable_file_says_permission_denied() throws Exception {
            Path file = Files.writeString(work.resolve("jclaw.json"), "{}");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
            assumeThat(Files.isReadable(file)).as("not running as root").isFalse();

            assertThat(run("config", "check")).isEqualTo(1);

            assertThat(err()).isEqualTo("jclaw: jclaw.json: cannot read the file (permission denied); expected a"
                    + " readable file\n");
        }

        @Test
        void a_port_that_is_not_a_number_names_the_variable_and_the_rule() {
            env.put("JCLAW_SERVER_PORT", "eighty");

            assertThat(run("config", "check")).isEqualTo(1);

            assertThat(err()).isEqualTo("jclaw: environment JCLAW_SERVER_PORT (server.port): expected an integer"
                    + " between 0 and 65535, got \"eighty\"\n");
        }

        @Test
        void a_bad_host_shows_the_rule_in_words_not_a_regular_expression() throws Exception {
            Files.writeString(work.resolve("jclaw.json"), "{\"server\": {\"host\": \"my host\"}}");

            assertThat(run("config", "check")).isEqualTo(1);

            assertThat(err()).isEqualTo("jclaw: jclaw.json: server.host: expected a host name or IP address without"
                    + " spaces, got \"my host\"\n");
        }
    }

    @Nested
    class Sentences {
        @Test
        void a_file_system_failure_names_the_file_and_what_went_wrong() {
            assertThat(ErrorSentence.of(new AccessDeniedException("/var/lib/jclaw/data")))
                    .isEqualTo("cannot use /var/lib/jclaw/data: permission denied");
            assertThat(ErrorSentence.of(new UncheckedIOException(new AccessDeniedException("/x"))))
                    .isEqualTo("cannot use /x: permission denied");
        }

        @Test
        void class_names_that_wrappers_put_in_front_are_dropped() {
            assertThat(ErrorSentence.of(new IllegalStateException("java.nio.channels.ClosedChannelException: the"
                    + " connection closed"))).isEqualTo("the connection closed");
            assertThat(ErrorSentence.of(new RuntimeException(new IllegalStateException("the cause says it"))))
                    .isEqualTo("the cause says it");
        }

        @Test
        void a_failure_without_any_message_does_not_name_its_class() {
            assertThat(ErrorSentence.of(new NullPointerException())).doesNotContainPattern(CLASS_NAME)
                    .contains("internal error");
        }
    }
}
