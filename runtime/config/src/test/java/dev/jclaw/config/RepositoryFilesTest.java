package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example, the schema and the documentation in the repository agree with the loader. Run from the module dir. */
class RepositoryFilesTest {

    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();

    @TempDir
    Path tempDir;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(tempDir);
    }

    @Test
    void the_example_file_loads_and_states_the_defaults() {
        fixture.env("OPENAI_API_KEY", "sk-example");
        JClawConfig example = fixture.loader().file(REPO.resolve("configs/jclaw.example.json")).build().load();

        JClawConfig defaults = fixture.load();
        assertThat(example.server()).isEqualTo(defaults.server());
        assertThat(example.plugins()).isEqualTo(defaults.plugins());
        assertThat(example.admin()).isEqualTo(defaults.admin());
        assertThat(example.agent()).isEqualTo(defaults.agent());
        assertThat(example.dataDir()).isEqualTo(defaults.dataDir());
    }

    @Test
    void the_example_provider_behaves_like_the_openai_variables() {
        fixture.env("OPENAI_API_KEY", "sk-example").env("JCLAW_MODEL", "qwen3")
                .env("OPENAI_BASE_URL", "http://127.0.0.1:11434/v1");
        ModelsConfig example = fixture.loader().file(REPO.resolve("configs/jclaw.example.json")).build().load()
                .models();

        ModelsConfig fromVariables = fixture.load().models();
        assertThat(example).isEqualTo(fromVariables);
    }

    @Test
    void the_bundled_schema_is_the_one_in_the_configs_directory() throws IOException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(ConfigSchema.RESOURCE)) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(REPO.resolve("configs/jclaw.schema.json")));
        }
    }

    @Test
    void the_documentation_lists_every_variable_with_its_key_and_value() throws IOException {
        String docs = Files.readString(REPO.resolve("docs/configuration.md"));

        assertThat(ConfigLoader.environmentMapping()).allSatisfy(entry -> assertThat(docs).contains(
                "| `" + entry.variable() + "` | `" + entry.keyPath() + "` | " + entry.expected() + " |"));
    }

    @Test
    void the_documentation_lists_every_key() throws IOException {
        String docs = Files.readString(REPO.resolve("docs/configuration.md"));

        assertThat(ConfigLoader.environmentMapping())
                .allSatisfy(entry -> assertThat(docs).contains("| `" + entry.keyPath() + "` |"));
        assertThat(docs).contains("| `plugins.config` |", "| `$schema` |");
    }
}
