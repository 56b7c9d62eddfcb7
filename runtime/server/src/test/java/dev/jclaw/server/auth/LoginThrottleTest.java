package dev.jclaw.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.AuthConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-07T10:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(AuthConfig.LoginThrottle.DEFAULTS, clock, 100);

    void fail(int times, String user, String address) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, address);
        }
    }

    @Test
    void lets_four_failures_pass_and_blocks_after_the_fifth_for_thirty_seconds() {
        fail(4, "bob", "10.0.0.1");
        assertThat(throttle.check("bob", "10.0.0.1")).isEmpty();
        fail(1, "bob", "10.0.0.1");
        LoginThrottle.Block block = throttle.check("bob", "10.0.0.1").orElseThrow();
        assertThat(block.seconds()).isEqualTo(30);
        assertThat(block.first()).isTrue();
        assertThat(throttle.check("bob", "10.0.0.1").orElseThrow().first()).as("audited once per block").isFalse();
        clock.advance(Duration.ofSeconds(31));
        assertThat(throttle.check("bob", "10.0.0.1")).isEmpty();
    }

    @Test
    void doubles_the_back_off_with_each_further_failure_up_to_the_maximum() {
        fail(5, "bob", "a");
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            waits.add(throttle.check("bob", "a").orElseThrow().seconds());
            fail(1, "bob", "a");
        }
        assertThat(waits).containsExactly(30L, 60L, 120L, 240L, 480L, 900L, 900L);
    }

    @Test
    void blocks_a_name_from_any_address_and_an_address_for_any_name() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("bob", "10.0.0." + i);
        }
        assertThat(throttle.check("bob", "192.168.1.1")).isPresent();
        assertThat(throttle.check("alice", "10.0.0.9")).isEmpty();
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.9.9.9");
        }
        assertThat(throttle.check("carol", "10.9.9.9")).isPresent();
    }

    @Test
    void forgets_after_a_success_or_a_quiet_window() {
        fail(4, "bob", "a");
        throttle.succeeded("bob", "a");
        fail(4, "bob", "a");
        assertThat(throttle.check("bob", "a")).isEmpty();
        clock.advance(Duration.ofMinutes(16));
        fail(4, "bob", "a");
        assertThat(throttle.check("bob", "a")).isEmpty();
    }

    @Test
    void stays_bounded_under_a_flood_of_names_and_addresses_from_many_threads() throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                int thread = t;
                pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        throttle.failed("name-" + thread + "-" + i, "addr-" + thread + "-" + i);
                        throttle.check("name-" + thread + "-" + i, "addr-" + thread + "-" + i);
                    }
                });
            }
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(100);
        // the flooding address is the most recently seen, so it is still counted
        fail(5, "x", "flooder");
        assertThat(throttle.check("y", "flooder")).isPresent();
    }
}
