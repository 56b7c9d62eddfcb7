package dev.jclaw.agent;

import dev.jclaw.core.loop.Transcript;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a turn's entries a step at a time: the user's message and a step's tool results wait for the model's next
 * answer and go with it in one write ({@link SessionStore#appendAll}), before the turn goes on — so a tool call is
 * stored before the tool runs, and an answer before the turn reports it done. Whatever a failed or aborted turn left
 * waiting is written when it ends ({@link #flush}). A turn with one tool call writes twice, not four times.
 */
final class StepTranscript implements Transcript {
    private final SessionStore store;
    private final SessionId id;
    private final List<Entry.Body> waiting = new ArrayList<>();

    StepTranscript(SessionStore store, SessionId id) {
        this.store = store;
        this.id = id;
    }

    @Override
    public void user(String text, List<ImageInput> images) {
        add(new Entry.User(text, images));
    }

    @Override
    public void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial) {
        add(new Entry.Assistant(text, reasoning, toolCalls, partial));
        flush();
    }

    @Override
    public void toolResult(String callId, String tool, String content, boolean error) {
        add(new Entry.ToolOutput(callId, tool, content, error));
    }

    /** Writes what waits, in one step; nothing when nothing does. */
    void flush() {
        List<Entry.Body> step;
        synchronized (waiting) {
            step = List.copyOf(waiting);
            waiting.clear();
        }
        store.appendAll(id, step);
    }

    private void add(Entry.Body body) {
        synchronized (waiting) { // the tools of one step may finish on threads of their own
            waiting.add(body);
        }
    }
}
