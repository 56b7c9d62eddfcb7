package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What loads but is most likely a mistake is said, with what to do. */
class ConfigWarningsTest {

    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    ConfigFixture fixture;
    Path app;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ConfigFixture(tmp);
        app = Files.createDirectories(tmp.resolve("dist/plugins")).getParent();
    }

    ConfigLoader.Checked check() {
        return fixture.loader().appHome(app).build().check();
    }

    @Nested
    class UnknownVariables {
        @Test
        void name_the_closest_variable_for_a_misspelling() {
            fixture.env("JCLAW_SERVER_PRT", "8080").env("JCLAW_AGENT_MAX_STPES", "3");

            assertThat(check().warnings()).containsExactly(
                    "environment variable JCLAW_AGENT_MAX_STPES sets no configuration key; did you mean"
                            + " JCLAW_AGENT_MAX_STEPS (agent.max-steps)?",
                    "environment variable JCLAW_SERVER_PRT sets no configuration key; did you mean"
                            + " JCLAW_SERVER_PORT (server.port)?");
        }

        @Test
        void name_the_only_variable_that_ends_with_a_shortened_name() {
            fixture.env("JCLAW_PORT", "8080");

            assertThat(check().warnings()).containsExactly("environment variable JCLAW_PORT sets no configuration"
                    + " key; did you mean JCLAW_SERVER_PORT (server.port)?");
        }

        @Test
        void point_to_the_documentation_when_nothing_is_close() {
            fixture.env("JCLAW_COMPLETELY_DIFFERENT", "x");

            assertThat(check().warnings()).containsExactly("environment variable JCLAW_COMPLETELY_DIFFERENT sets no"
                    + " configuration key; docs/configuration.md lists the variables");
        }

        @Test
        void leave_out_the_variables_read_elsewhere_and_other_prefixes() {
            fixture.env("JCLAW_HOME", tmp.resolve("home").toString()).env("JCLAW_MODEL", "m")
                    .env("JCLAWS_THING", "x").env("PATH", "/bin");

            assertThat(check().warnings()).isEmpty();
        }

        @Test
        void measure_edits_as_insertions_deletions_and_substitutions() {
            assertThat(ConfigWarnings.distance("SERVER_PORT", "SERVER_PORT")).isZero();
            assertThat(ConfigWarnings.distance("SERVER_PRT", "SERVER_PORT")).isEqualTo(1);
            assertThat(ConfigWarnings.distance("SERVER_PROT", "SERVER_PORT")).isEqualTo(2);
            assertThat(ConfigWarnings.distance("", "ABC")).isEqualTo(3);
        }
    }

    @Nested
    class PluginsDirectory {
        @Test
        void the_example_copied_to_the_working_directory_keeps_the_distributions_plugins() throws Exception {
            Files.copy(REPO.resolve("configs/jclaw.example.json"), fixture.workingDir.resolve("jclaw.json"));
            fixture.env("OPENAI_API_KEY", "sk-example");

            ConfigLoader.Checked checked = check();

            assertThat(checked.config().file()).contains(fixture.workingDir.resolve("jclaw.json"));
            assertThat(checked.config().plugins().dir()).isEqualTo(app.resolve("plugins"));
            assertThat(checked.warnings()).isEmpty();
        }

        @Test
        void a_directory_that_does_not_exist_is_named_with_the_file_that_set_it() {
            fixture.write("jclaw.json", "{\"plugins\": {\"dir\": \"plugins\"}}");

            assertThat(check().warnings()).containsExactly("plugins.dir " + fixture.workingDir.resolve("plugins")
                    + " does not exist (set in jclaw.json; a relative path resolves against the working directory "
                    + fixture.workingDir + "), so no plugin loads; leave plugins.dir out to use the distribution's"
                    + " plugins, or point it at a directory of plugin jars");
        }

        @Test
        void a_directory_set_by_the_environment_names_the_variable() {
            fixture.env("JCLAW_PLUGINS_DIR", tmp.resolve("nowhere").toString());

            assertThat(check().warnings()).singleElement().asString()
                    .startsWith("plugins.dir " + tmp.resolve("nowhere") + " does not exist (set by JCLAW_PLUGINS_DIR)");
        }

        @Test
        void an_existing_directory_gives_no_warning() throws Exception {
            Files.createDirectories(fixture.workingDir.resolve("mine"));
            fixture.write("jclaw.json", "{\"plugins\": {\"dir\": \"mine\"}}");

            assertThat(check().warnings()).isEmpty();
        }
    }
}
