package dev.jclaw.core.compaction;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * A model that answers from a script and records every request. It checks the protocol of a summarisation request
 * and fails loudly (AssertionError) when the compactor misuses it: tools offered, no output limit, no system prompt,
 * anything but one user message, or more requests than scripted.
 */
final class ScriptedModel implements ModelPort {
    /** One scripted answer. */
    interface Step {
        String answer(ModelRequest request) throws ModelException, InterruptedException;
    }

    private final Deque<Step> script = new ArrayDeque<>();
    private final List<ModelRequest> requests = new ArrayList<>();
    private Step always;

    static Step says(String text) {
        return request -> text;
    }

    static Step fails(ModelException.Kind kind, String message) {
        return request -> {
            throw new ModelException(kind, message);
        };
    }

    /** Counts the latch down when the request arrives, then waits until the thread is interrupted. */
    static Step blocks(CountDownLatch started) {
        return request -> {
            started.countDown();
            new CountDownLatch(1).await();
            throw new AssertionError("unreachable");
        };
    }

    synchronized ScriptedModel then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    /** Answers every request not otherwise scripted with a function of its user message. */
    synchronized ScriptedModel always(Function<String, String> answer) {
        always = request -> answer.apply(userText(request));
        return this;
    }

    synchronized List<ModelRequest> requests() {
        return List.copyOf(requests);
    }

    static String userText(ModelRequest request) {
        return ((ChatMessage.User) request.messages().getFirst()).text();
    }

    @Override
    public ModelResponse stream(ModelRequest request, ModelListener listener)
            throws ModelException, InterruptedException {
        Step step;
        synchronized (this) {
            check(request);
            requests.add(request);
            step = script.isEmpty() ? always : script.poll();
        }
        if (step == null) {
            throw new AssertionError("the script has no answer for request " + requests().size());
        }
        String text = step.answer(request);
        for (int i = 0; i < text.length(); i += 16) {
            listener.chunk();
            listener.text(text.substring(i, Math.min(text.length(), i + 16)));
        }
        return new ModelResponse(text, "", List.of(), Usage.NONE, "stop");
    }

    private static void check(ModelRequest request) {
        if (!request.tools().isEmpty()) {
            throw new AssertionError("a summarisation request must offer no tools, got " + request.tools());
        }
        if (request.maxOutputTokens() <= 0) {
            throw new AssertionError("a summarisation request must limit its output");
        }
        if (request.systemPrompt().isBlank()) {
            throw new AssertionError("a summarisation request must carry the instructions as system prompt");
        }
        if (request.messages().size() != 1 || !(request.messages().getFirst() instanceof ChatMessage.User)) {
            throw new AssertionError("a summarisation request is one user message, got " + request.messages());
        }
    }
}
