package dev.jclaw.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BoundedMatcherTest {

    private static BoundedMatcher matcher(String regex) {
        return new BoundedMatcher(Pattern.compile(regex), TimeLimit.startingNow(Duration.ofSeconds(30),
                Instant.now().plusSeconds(60)));
    }

    @Nested
    class Budget {
        @Test
        void finds_ordinary_matches_and_where_they_start() throws Exception {
            assertThat(matcher("b+").find("aabbb")).isEqualTo(new BoundedMatcher.Result.Found(2));
            assertThat(matcher("z").find("aabbb")).isEqualTo(new BoundedMatcher.Result.Missing());
        }

        @Test
        void lets_a_costly_but_linear_pattern_run_on_a_long_line() throws Exception {
            String line = "x".repeat(1_000_000) + "needle";
            assertThat(matcher("x*needle$").find(line)).isInstanceOf(BoundedMatcher.Result.Found.class);
        }

        @Test
        void stops_nested_quantifiers_on_a_long_line_within_the_line_budget() throws Exception {
            long start = System.nanoTime();
            BoundedMatcher.Result result = matcher("(a+)+$").find("a".repeat(50_000) + "!");
            assertThat(result).isInstanceOf(BoundedMatcher.Result.TooCostly.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void stops_patterns_the_engine_cannot_memoize_on_short_lines() throws Exception {
            assertThat(matcher("(.*a){30}").find("a".repeat(40) + "b")).isInstanceOf(BoundedMatcher.Result.TooCostly.class);
            assertThat(matcher("(a*)*\\1b").find("a".repeat(30))).isInstanceOf(BoundedMatcher.Result.TooCostly.class);
            assertThat(matcher("((a+)+)+$").find("a".repeat(30) + "!")).isInstanceOf(BoundedMatcher.Result.TooCostly.class);
        }

        @Test
        void gives_each_line_a_fresh_budget() throws Exception {
            BoundedMatcher m = matcher("(.*a){30}");
            assertThat(m.find("a".repeat(40) + "b")).isInstanceOf(BoundedMatcher.Result.TooCostly.class);
            // the budget of the line before is spent; this line gets its own
            assertThat(m.find("b".repeat(40))).isEqualTo(new BoundedMatcher.Result.Missing());
        }

        @Test
        void reports_deep_recursion_as_too_costly() throws Exception {
            assertThat(matcher("(a|b)*c").find("ab".repeat(200_000))).isInstanceOf(BoundedMatcher.Result.TooCostly.class);
        }
    }

    @Nested
    class Time {
        @Test
        void reports_out_of_time_when_the_search_s_time_has_passed() throws Exception {
            BoundedMatcher m = new BoundedMatcher(Pattern.compile("x*needle$"), TimeLimit.startingNow(Duration.ZERO,
                    Instant.now().plusSeconds(60)));
            assertThat(m.find("x".repeat(100_000))).isInstanceOf(BoundedMatcher.Result.OutOfTime.class);
        }

        @Test
        void throws_interrupted_and_clears_the_flag() {
            BoundedMatcher m = matcher("x*needle$");
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> m.find("x".repeat(100_000))).isInstanceOf(InterruptedException.class);
            assertThat(Thread.interrupted()).isFalse();
        }
    }
}
