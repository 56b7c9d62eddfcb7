package dev.jclaw.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HostPolicyTest {
    static Optional<String> check(HostPolicy policy, String host, String origin) {
        return policy.refusal(Optional.ofNullable(host), Optional.ofNullable(origin), true);
    }

    @Nested
    class OnLoopback {
        final HostPolicy policy = HostPolicy.of("127.0.0.1", List.of());

        @Test
        void accepts_loopback_names_and_refuses_others() {
            assertThat(check(policy, "localhost:7878", null)).isEmpty();
            assertThat(check(policy, "LOCALHOST", null)).isEmpty();
            assertThat(check(policy, "[::1]:7878", null)).isEmpty();
            assertThat(check(policy, "rebind.attacker.example:7878", null)).get().asString()
                    .contains("server.allowed-hosts");
            assertThat(check(policy, null, null)).isPresent();
        }

        @Test
        void compares_an_origin_with_the_host_it_was_sent_to() {
            assertThat(check(policy, "localhost:7878", "http://localhost:7878")).isEmpty();
            assertThat(check(policy, "localhost:7878", "http://127.0.0.1:7878")).isPresent();
            assertThat(check(policy, "localhost", "https://localhost")).isEmpty();
            assertThat(check(policy, "localhost:7878", "not a url")).isPresent();
        }

        @Test
        void does_not_check_the_origin_of_a_safe_request() {
            assertThat(policy.refusal(Optional.of("localhost"), Optional.of("http://evil.example"), false)).isEmpty();
        }
    }

    @Nested
    class OnAllInterfaces {
        @Test
        void accepts_any_host_when_no_names_are_configured_but_still_checks_origins() {
            HostPolicy policy = HostPolicy.of("0.0.0.0", List.of());
            assertThat(check(policy, "jclaw.lan:7878", "http://jclaw.lan:7878")).isEmpty();
            assertThat(check(policy, "jclaw.lan:7878", "http://evil.example")).isPresent();
        }

        @Test
        void accepts_only_the_configured_names_once_there_are_some() {
            HostPolicy policy = HostPolicy.of("::", List.of("jclaw.example.org", "10.0.0.5:7878"));
            assertThat(check(policy, "jclaw.example.org:443", null)).isEmpty();
            assertThat(check(policy, "10.0.0.5:7878", null)).isEmpty();
            assertThat(check(policy, "10.0.0.5:8080", null)).isPresent();
            assertThat(check(policy, "other.example.org", null)).isPresent();
            assertThat(check(policy, "localhost:7878", "https://jclaw.example.org")).isEmpty();
        }
    }
}
