package dev.jclaw.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ModelException;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The typed failure reasons keep the codes the strings had. */
class TurnFailureTest {
    @Test
    void a_model_error_fails_the_turn_with_the_code_of_its_kind() {
        for (ModelException.Kind kind : ModelException.Kind.values()) {
            assertThat(TurnFailure.of(kind).code()).isEqualTo(kind.name().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void codes_are_the_names_in_lower_case_and_unique() {
        assertThat(Arrays.stream(TurnFailure.values()).map(TurnFailure::code))
                .doesNotHaveDuplicates()
                .contains("aborted", "timeout", "step_budget", "unknown_tool_loop", "empty_answer");
        for (TurnFailure failure : TurnFailure.values()) {
            assertThat(failure.code()).isEqualTo(failure.name().toLowerCase(Locale.ROOT));
        }
    }
}
