package dev.jclaw.core.loop;

import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * One model request of a turn: streams the text and reasoning out as events, keeps the turn's watchdog fed with
 * every chunk, and retries what {@link ModelRetry} allows — only while nothing has reached the user yet.
 */
final class ModelCall {
    private ModelCall() {
    }

    /**
     * Streams one response.
     *
     * @param model the model
     * @param retry which failures are tried again, and after how long
     * @param request the request
     * @param events receives the text and reasoning deltas
     * @param control the turn's watchdog
     * @param streamed receives the answer text as it streams (the partial answer if the turn stops)
     * @return the response
     * @throws ModelException when the model fails and no retry is left
     * @throws InterruptedException when the turn is stopped
     */
    static ModelResponse stream(ModelPort model, ModelRetry retry, ModelRequest request, Consumer<AgentEvent> events,
                                TurnControl control, StringBuilder streamed)
            throws ModelException, InterruptedException {
        ModelListener listener = new ModelListener() {
            @Override
            public void text(String delta) {
                streamed.append(delta);
                events.accept(new AgentEvent.TextDelta(delta));
            }

            @Override
            public void reasoning(String delta) {
                events.accept(new AgentEvent.ReasoningDelta(delta));
            }

            @Override
            public void chunk() {
                control.touch();
            }
        };
        for (int attempt = 1; ; attempt++) {
            streamed.setLength(0);
            control.streaming(true);
            try {
                return model.stream(request, listener);
            } catch (ModelException e) {
                Duration wait = retry.delay(e, attempt, !streamed.isEmpty());
                if (wait == null) {
                    throw e;
                }
                events.accept(new AgentEvent.Retrying(attempt + 1, retry.maxAttempts(), wait, e.getMessage()));
                Thread.sleep(wait);
            } finally {
                control.streaming(false);
            }
        }
    }
}
