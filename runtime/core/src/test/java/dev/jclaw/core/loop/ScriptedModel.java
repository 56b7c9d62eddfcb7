package dev.jclaw.core.loop;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.Usage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A model port that answers from a script and records every request. It checks the protocol the way a provider
 * would and fails the turn loudly when the loop misuses it: a request with a tool call left unanswered, or one
 * past the end of the script.
 */
final class ScriptedModel implements ModelPort {
    final List<ModelRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<ModelResponse> script = new ArrayDeque<>();

    ScriptedModel text(String text) {
        script.add(new ModelResponse(text, "", List.of(), new Usage(10, 2, 0, 0), "stop"));
        return this;
    }

    ScriptedModel calls(ToolCall... calls) {
        script.add(new ModelResponse("", "", List.of(calls), new Usage(10, 2, 0, 0), "tool_calls"));
        return this;
    }

    @Override
    public synchronized ModelResponse stream(ModelRequest request, ModelListener listener) {
        requests.add(request);
        Set<String> open = new HashSet<>();
        for (ChatMessage m : request.messages()) {
            switch (m) {
                case ChatMessage.Assistant a -> a.toolCalls().forEach(c -> open.add(c.id()));
                case ChatMessage.ToolResult r -> {
                    if (!open.remove(r.callId())) {
                        throw new AssertionError("tool result for " + r.callId() + " answers no open call");
                    }
                }
                case ChatMessage.User u -> assertNoneOpen(open);
                case ChatMessage.SystemNote n -> assertNoneOpen(open);
            }
        }
        assertNoneOpen(open);
        ModelResponse next = script.poll();
        if (next == null) {
            throw new AssertionError("the script has no answer for request " + requests.size());
        }
        listener.chunk();
        if (!next.text().isEmpty()) {
            listener.text(next.text());
        }
        return next;
    }

    private static void assertNoneOpen(Set<String> open) {
        if (!open.isEmpty()) {
            throw new AssertionError("tool calls " + open + " have no result before the next message");
        }
    }
}
