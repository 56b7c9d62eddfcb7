package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryConfigTest {
    @TempDir
    Path temp;

    @Test
    void defaults_to_the_offline_bilingual_model_and_the_documented_quotas() {
        MemoryConfig memory = MemoryConfig.of(new ConfigFixture(temp).load("{}"));
        assertThat(memory).isEqualTo(new MemoryConfig(true, "local:bge-small-zh-v15", 0, 3, 2, 5, 0.5, true));
        assertThat(memory.local()).isTrue();
        assertThat(memory.embeds()).isTrue();
    }

    @Test
    void reads_the_file_and_the_environment_over_it() {
        ConfigFixture fixture = new ConfigFixture(temp).env("JCLAW_MEMORY_EMBEDDING", "none")
                .env("JCLAW_MEMORY_TRANSLATE", "false");
        MemoryConfig memory = MemoryConfig.of(fixture.load("""
                {"memory": {"facts": 5, "procedures": 0, "archive-min-similarity": 0.75, "embedding": "x/y"}}"""));
        assertThat(memory).isEqualTo(new MemoryConfig(true, "none", 0, 5, 0, 5, 0.75, false));
        assertThat(memory.embeds()).isFalse();
    }

    @Test
    void refuses_values_out_of_range_naming_the_key() {
        ConfigFixture fixture = new ConfigFixture(temp);
        assertThatThrownBy(() -> fixture.load("{\"memory\": {\"facts\": 99}}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("memory.facts");
        assertThatThrownBy(() -> fixture.load("{\"memory\": {\"archive-min-similarity\": 2}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("memory.archive-min-similarity");
        assertThatThrownBy(() -> fixture.load("{\"memory\": {\"embedding\": \"\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("memory.embedding");
        assertThatThrownBy(() -> fixture.load("{\"memory\": {\"translate\": \"yes\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("memory.translate");
        assertThatThrownBy(() -> fixture.load("{\"memory\": {\"recall\": true}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("memory.recall");
    }
}
