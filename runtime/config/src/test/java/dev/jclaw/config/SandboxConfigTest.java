package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxConfigTest {
    @TempDir
    Path temp;

    @Test
    void defaults_to_an_optional_sandbox_without_network() {
        SandboxSettings sandbox = SandboxConfig.of(new ConfigFixture(temp).load("{}"));

        assertThat(sandbox).isEqualTo(new SandboxSettings(true, false, false, List.of(), List.of()));
    }

    @Test
    void reads_the_file_and_the_environment_over_it() {
        ConfigFixture fixture = new ConfigFixture(temp).env("JCLAW_SANDBOX_REQUIRED", "true")
                .env("JCLAW_SANDBOX_NETWORK", "true");

        SandboxSettings sandbox = SandboxConfig.of(fixture.load("""
                {"sandbox": {"hide": ["~/.secrets", "/srv/keys"], "writable": ["~/.m2"], "network": false}}"""));

        assertThat(sandbox).isEqualTo(new SandboxSettings(true, true, true, List.of("~/.secrets", "/srv/keys"),
                List.of("~/.m2")));
    }

    @Test
    void refuses_relative_paths_and_unknown_keys_naming_the_key() {
        ConfigFixture fixture = new ConfigFixture(temp);

        assertThatThrownBy(() -> fixture.load("{\"sandbox\": {\"hide\": [\"relative/path\"]}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sandbox.hide");
        assertThatThrownBy(() -> fixture.load("{\"sandbox\": {\"required\": \"yes\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sandbox.required");
        assertThatThrownBy(() -> fixture.load("{\"sandbox\": {\"net\": true}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sandbox.net");
    }
}
