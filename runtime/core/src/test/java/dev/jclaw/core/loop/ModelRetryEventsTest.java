package dev.jclaw.core.loop;

import dev.jclaw.core.event.AgentEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.dispatch.TestTools;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.Usage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A turn whose model fails for a passing reason says that it retries, and when, before it goes quiet. */
class ModelRetryEventsTest {
    static final String DOWN = "cannot reach the model provider 'p' at http://127.0.0.1:1/v1 (connection refused)";

    @TempDir
    Path workspace;

    /** Fails with a network error a number of times, then answers. */
    static final class FlakyModel implements ModelPort {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;

        FlakyModel(int failures) {
            this.failures = failures;
        }

        @Override
        public ModelResponse stream(ModelRequest request, ModelListener listener) throws ModelException {
            if (calls.incrementAndGet() <= failures) {
                throw new ModelException(ModelException.Kind.NETWORK, DOWN);
            }
            listener.text("back");
            return new ModelResponse("back", "", List.of(), new Usage(1, 1, 0, 0), "stop");
        }
    }

    AgentEvent run(ModelPort model, List<AgentEvent> events) throws Exception {
        TurnLimits limits = TurnLimits.DEFAULT.withRetry(new ModelRetry(3, Duration.ofMillis(10),
                Duration.ofSeconds(1)));
        Turn turn = new Turn("test:me", "s1", "m", "sys", List.of(), "hi", workspace, ApprovalPolicy.NEVER,
                Approver.DENY_ALL, Transcript.NONE, "", new Steering());
        return new AgentLoop(model, new TestTools(), limits).start(turn, events::add).end().get(30, TimeUnit.SECONDS);
    }

    @Nested
    class WhileItRetries {
        @Test
        void says_which_attempt_comes_next_after_how_long_and_why() throws Exception {
            List<AgentEvent> events = new CopyOnWriteArrayList<>();
            AgentEvent end = run(new FlakyModel(2), events);
            assertThat(end).isInstanceOf(AgentEvent.Done.class);
            assertThat(events).filteredOn(AgentEvent.Retrying.class::isInstance).containsExactly(
                    new AgentEvent.Retrying(2, 3, Duration.ofMillis(10), DOWN),
                    new AgentEvent.Retrying(3, 3, Duration.ofMillis(20), DOWN));
        }

        @Test
        void says_nothing_of_retrying_once_the_attempts_are_spent() throws Exception {
            List<AgentEvent> events = new CopyOnWriteArrayList<>();
            AgentEvent end = run(new FlakyModel(5), events);
            assertThat(end).isInstanceOfSatisfying(AgentEvent.Failed.class, f -> assertThat(f.message())
                    .isEqualTo(DOWN));
            assertThat(events).filteredOn(AgentEvent.Retrying.class::isInstance).hasSize(2);
        }
    }
}
