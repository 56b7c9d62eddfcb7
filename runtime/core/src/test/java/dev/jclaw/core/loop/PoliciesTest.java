package dev.jclaw.core.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.dispatch.OutputLimit;
import dev.jclaw.core.model.ModelException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    @Nested
    class Steps {
        @Test
        void allows_steps_up_to_the_budget() {
            StepBudget budget = new StepBudget(2);
            assertThat(budget.allows(0)).isTrue();
            assertThat(budget.allows(1)).isTrue();
            assertThat(budget.allows(2)).isFalse();
            assertThat(budget.exhausted()).contains("2 steps");
            assertThatThrownBy(() -> new StepBudget(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class UnknownTools {
        @Test
        void counts_steps_that_call_only_unknown_tools_and_resets_on_a_known_one() {
            UnknownToolGuard guard = new UnknownToolGuard(2);
            int strikes = guard.count(0, List.of(false, false));
            assertThat(strikes).isEqualTo(1);
            assertThat(guard.count(strikes, List.of(false, true))).isZero();
            assertThat(guard.exhausted(guard.count(strikes, List.of(false)))).isTrue();
        }
    }

    @Nested
    class Retry {
        final ModelRetry retry = new ModelRetry(3, Duration.ofMillis(100), Duration.ofSeconds(5));

        @Test
        void backs_off_exponentially_for_passing_failures() {
            ModelException e = new ModelException(ModelException.Kind.SERVER, "down");
            assertThat(retry.delay(e, 1, false)).isEqualTo(Duration.ofMillis(100));
            assertThat(retry.delay(e, 2, false)).isEqualTo(Duration.ofMillis(200));
            assertThat(retry.delay(e, 3, false)).isNull();
        }

        @Test
        void honours_retry_after_within_the_cap() {
            ModelException e = new ModelException(ModelException.Kind.RATE_LIMIT, "slow down", Duration.ofSeconds(2),
                    null);
            assertThat(retry.delay(e, 1, false)).isEqualTo(Duration.ofSeconds(2));
            ModelException far = new ModelException(ModelException.Kind.RATE_LIMIT, "later", Duration.ofMinutes(5),
                    null);
            assertThat(retry.delay(far, 1, false)).isNull();
        }

        @Test
        void never_retries_auth_errors_or_after_text_was_shown() {
            assertThat(retry.delay(new ModelException(ModelException.Kind.AUTH, "bad key"), 1, false)).isNull();
            assertThat(retry.delay(new ModelException(ModelException.Kind.SERVER, "down"), 1, true)).isNull();
        }
    }

    @Nested
    class Output {
        @Test
        void keeps_short_text_and_cuts_long_text_in_the_middle() {
            OutputLimit limit = new OutputLimit(1000);
            assertThat(limit.apply("short")).isEqualTo("short");
            String cut = limit.apply("a".repeat(600) + "b".repeat(2000) + "c".repeat(400));
            assertThat(cut).startsWith("a".repeat(600)).endsWith("c".repeat(400)).contains("[2000 characters cut]");
        }
    }
}
