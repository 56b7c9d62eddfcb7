package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
    @TempDir
    Path temp;

    @Test
    void defaults_when_the_file_says_nothing() {
        assertThat(GatewayConfig.of(new ConfigFixture(temp).load("{}")))
                .isEqualTo(new GatewayConfig(4, 8, Duration.ofMinutes(5)));
    }

    @Test
    void reads_the_section_and_its_environment_overrides() {
        ConfigFixture fixture = new ConfigFixture(temp).env("JCLAW_GATEWAY_APPROVAL_DEADLINE_SECONDS", "60");
        assertThat(GatewayConfig.of(fixture.load("""
                {"gateway": {"max-turns-per-user": 2, "max-queued-per-conversation": 0}}""")))
                .isEqualTo(new GatewayConfig(2, 0, Duration.ofSeconds(60)));
    }

    @Test
    void refuses_values_out_of_range_naming_the_key() {
        ConfigFixture fixture = new ConfigFixture(temp);
        assertThatThrownBy(() -> fixture.load("{\"gateway\": {\"max-turns-per-user\": 0}}"))
                .hasMessageContaining("gateway.max-turns-per-user");
        assertThatThrownBy(() -> fixture.load("{\"gateway\": {\"approval-deadline-seconds\": \"soon\"}}"))
                .hasMessageContaining("gateway.approval-deadline-seconds");
        assertThatThrownBy(() -> fixture.load("{\"gateway\": {\"max-turn-per-user\": 3}}"))
                .hasMessageContaining("max-turn-per-user");
    }
}
