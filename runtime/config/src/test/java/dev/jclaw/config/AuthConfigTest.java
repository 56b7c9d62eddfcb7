package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.gateway.Tier;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthConfigTest {
    @TempDir
    Path temp;

    @Test
    void defaults_to_twelve_hour_logins_an_asking_admin_token_and_five_failures_in_fifteen_minutes() {
        assertThat(AuthConfig.of(new ConfigFixture(temp).load("{}"))).isEqualTo(AuthConfig.DEFAULTS)
                .isEqualTo(new AuthConfig(Duration.ofHours(12), Tier.APPROVAL, new AuthConfig.LoginThrottle(5,
                        Duration.ofMinutes(15), Duration.ofMinutes(15))));
    }

    @Test
    void reads_the_file_and_the_environment_over_it() {
        ConfigFixture fixture = new ConfigFixture(temp).env("JCLAW_AUTH_ADMIN_TIER", "yolo")
                .env("JCLAW_AUTH_LOGIN_THROTTLE_FAILURES", "3");
        AuthConfig auth = AuthConfig.of(fixture.load("""
                {"auth": {"session-ttl-minutes": 30, "admin-tier": "read-only",
                          "login-throttle": {"failures": 10, "window-seconds": 60, "max-backoff-seconds": 120}}}"""));
        assertThat(auth).isEqualTo(new AuthConfig(Duration.ofMinutes(30), Tier.YOLO, new AuthConfig.LoginThrottle(3,
                Duration.ofSeconds(60), Duration.ofSeconds(120))));
    }

    @Test
    void refuses_values_out_of_range_naming_the_key() {
        ConfigFixture fixture = new ConfigFixture(temp);
        assertThatThrownBy(() -> fixture.load("{\"auth\": {\"session-ttl-minutes\": 0}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.session-ttl-minutes");
        assertThatThrownBy(() -> fixture.load("{\"auth\": {\"admin-tier\": \"root\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.admin-tier");
        assertThatThrownBy(() -> fixture.load("{\"auth\": {\"login-throttle\": {\"failures\": 0}}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.login-throttle.failures");
        assertThatThrownBy(() -> fixture.load("{\"auth\": {\"password\": \"changeme\"}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auth.password");
    }
}
