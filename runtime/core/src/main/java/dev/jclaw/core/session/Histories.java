package dev.jclaw.core.session;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Turns a conversation's entries into the messages a model reads, and repairs what a crash left open. */
public final class Histories {
    /** The result given to a tool call whose result was never written. */
    public static final String INTERRUPTED = "the tool call was interrupted (the server stopped before it finished)";

    private Histories() {
    }

    /**
     * Converts a branch of entries into model messages.
     *
     * @param path the entries, root first
     * @return the messages
     */
    public static List<ChatMessage> messages(List<Entry> path) {
        List<ChatMessage> out = new ArrayList<>(path.size());
        for (Entry entry : path) {
            out.add(switch (entry.body()) {
                case Entry.User u -> new ChatMessage.User(u.text());
                case Entry.Assistant a -> new ChatMessage.Assistant(a.text(), a.toolCalls());
                case Entry.ToolOutput t -> new ChatMessage.ToolResult(t.callId(), t.tool(), t.content());
            });
        }
        return out;
    }

    /**
     * Writes an error result for every tool call on the branch that has none, so that no history ever shows a
     * call without its result. Run when a conversation is loaded.
     *
     * @param store the store
     * @param id the conversation
     * @return how many results were written
     */
    public static int repair(SessionStore store, SessionId id) {
        List<Entry> path = store.path(id);
        Set<String> answered = new HashSet<>();
        for (Entry entry : path) {
            if (entry.body() instanceof Entry.ToolOutput t) {
                answered.add(t.callId());
            }
        }
        int repaired = 0;
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).body() instanceof Entry.Assistant a && !a.toolCalls().isEmpty()) {
                // only the last call-making step can be open: earlier ones were answered before the next step
                for (ToolCall call : a.toolCalls()) {
                    if (!answered.contains(call.id())) {
                        store.append(id, new Entry.ToolOutput(call.id(), call.name(), INTERRUPTED, true));
                        repaired++;
                    }
                }
                break;
            }
        }
        return repaired;
    }
}
