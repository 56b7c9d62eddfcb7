package dev.jclaw.agent.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.FailureReason;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The core's typed failures as a channel sees them. */
class TurnEventsTest {
    @Test
    void each_failure_maps_to_the_api_reason_a_channel_acts_on() {
        Map<TurnFailure, FailureReason> expected = Map.ofEntries(
                Map.entry(TurnFailure.AUTH, FailureReason.MODEL_REFUSED),
                Map.entry(TurnFailure.BAD_REQUEST, FailureReason.MODEL_REFUSED),
                Map.entry(TurnFailure.NOT_CONFIGURED, FailureReason.MODEL_REFUSED),
                Map.entry(TurnFailure.SERVER, FailureReason.MODEL_UNAVAILABLE),
                Map.entry(TurnFailure.NETWORK, FailureReason.MODEL_UNAVAILABLE),
                Map.entry(TurnFailure.BAD_RESPONSE, FailureReason.MODEL_UNAVAILABLE),
                Map.entry(TurnFailure.RATE_LIMIT, FailureReason.RATE_LIMITED),
                Map.entry(TurnFailure.CONTEXT_OVERFLOW, FailureReason.CONTEXT_TOO_LONG),
                Map.entry(TurnFailure.TIMEOUT, FailureReason.TIMEOUT),
                Map.entry(TurnFailure.STEP_BUDGET, FailureReason.STEP_LIMIT),
                Map.entry(TurnFailure.UNKNOWN_TOOL_LOOP, FailureReason.STEP_LIMIT),
                Map.entry(TurnFailure.EMPTY_ANSWER, FailureReason.STEP_LIMIT),
                Map.entry(TurnFailure.INTERNAL, FailureReason.INTERNAL));
        expected.forEach((failure, reason) -> assertThat(TurnEvents.of(new AgentEvent.Failed(failure, "why", "so"))
                .orElseThrow()).as(failure.name()).isEqualTo(new TurnEvent.Failed(reason, "why", "so")));
    }

    @Test
    void an_aborted_turn_is_aborted_with_its_partial_answer() {
        assertThat(TurnEvents.of(new AgentEvent.Failed(TurnFailure.ABORTED, "stopped", "half an ans")))
                .contains(new TurnEvent.Aborted("half an ans"));
    }
}
