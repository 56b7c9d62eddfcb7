package dev.jclaw.core.session;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ToolCall;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a conversation's branch into the messages a model reads, and repairs what a crash left open.
 *
 * <p>Tool results are matched to calls by call id, each result to the latest earlier call with that id that has
 * none yet (some providers reuse ids such as {@code call_0} in every step).
 */
public final class Histories {
    /** The result given to a tool call whose result was never written. */
    public static final String INTERRUPTED = "the tool call was interrupted (the server restarted or the turn was"
            + " cut off) before its result was recorded; it may or may not have taken effect";
    /** The first line of the message that carries a compaction summary. */
    public static final String SUMMARY_HEADING = "[Summary of the earlier conversation]";

    private Histories() {
    }

    /**
     * Converts a branch of entries into model messages. Each call-making answer is followed by the results of its
     * calls, in call order, wherever the results were written; a call without a result gets an {@link #INTERRUPTED}
     * error result, and a result without a call is left out, so the messages are always well-formed. After a
     * compaction summary the model sees the summary, then the entries from its first kept entry on. Notes and
     * usage entries are left out.
     *
     * @param path the entries, root first, as {@link SessionStore#path} returns them
     * @return the messages
     */
    public static List<ChatMessage> messages(List<Entry> path) {
        List<ChatMessage> out = new ArrayList<>(path.size() + 1);
        List<Entry> shown = path;
        for (int s = path.size() - 1; s >= 0; s--) {
            if (path.get(s).body() instanceof Entry.CompactionSummary summary) {
                int kept = s;
                for (int k = 0; k < s; k++) {
                    if (path.get(k).id().equals(summary.firstKept())) {
                        kept = k;
                        break;
                    }
                }
                shown = new ArrayList<>(path.subList(kept, s));
                shown.addAll(path.subList(s + 1, path.size()));
                out.add(new ChatMessage.User(SUMMARY_HEADING + "\n" + summary.summary()));
                break;
            }
        }
        Map<Integer, Entry.ToolOutput[]> answers = pair(shown);
        for (int i = 0; i < shown.size(); i++) {
            switch (shown.get(i).body()) {
                case Entry.User u -> out.add(new ChatMessage.User(u.text(), u.images()));
                case Entry.Assistant a -> {
                    out.add(new ChatMessage.Assistant(a.text(), a.toolCalls()));
                    Entry.ToolOutput[] results = answers.get(i);
                    for (int j = 0; j < a.toolCalls().size(); j++) {
                        ToolCall call = a.toolCalls().get(j);
                        out.add(new ChatMessage.ToolResult(call.id(), call.name(),
                                results[j] == null ? INTERRUPTED : results[j].content()));
                    }
                }
                case Entry.ToolOutput t -> {
                    // placed right after the answer that made the call
                }
                case Entry.CompactionSummary c -> {
                    // an earlier summary, superseded by the latest one
                }
                case Entry.Note n -> {
                    // for people only
                }
                case Entry.TurnUsage u -> {
                    // accounting, for people only
                }
            }
        }
        return out;
    }

    /**
     * Finds the tool calls on a branch that have no result and makes an error result for each.
     *
     * @param path the entries, root first
     * @return the results to append, in the order of the calls; empty when nothing is open
     */
    public static List<Entry.ToolOutput> unanswered(List<Entry> path) {
        Map<Integer, Entry.ToolOutput[]> answers = pair(path);
        List<Entry.ToolOutput> missing = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i).body() instanceof Entry.Assistant a && !a.toolCalls().isEmpty()) {
                Entry.ToolOutput[] results = answers.get(i);
                for (int j = 0; j < results.length; j++) {
                    if (results[j] == null) {
                        ToolCall call = a.toolCalls().get(j);
                        missing.add(new Entry.ToolOutput(call.id(), call.name(), INTERRUPTED, true));
                    }
                }
            }
        }
        return missing;
    }

    /**
     * Appends an {@link #INTERRUPTED} error result for every tool call on the conversation's branch that has none,
     * so that no history ever shows a call without its result. Run it when a conversation is loaded, before its
     * next turn; running it again changes nothing.
     *
     * @param store the store
     * @param id the conversation
     * @return how many results were written
     */
    public static int repair(SessionStore store, SessionId id) {
        List<Entry.ToolOutput> missing = unanswered(store.path(id));
        for (Entry.ToolOutput result : missing) {
            store.append(id, result);
        }
        return missing.size();
    }

    /** For each call-making answer (by index), the result of each of its calls, or null where there is none. */
    private static Map<Integer, Entry.ToolOutput[]> pair(List<Entry> entries) {
        Map<Integer, Entry.ToolOutput[]> answers = new HashMap<>();
        Map<String, Deque<int[]>> open = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            switch (entries.get(i).body()) {
                case Entry.Assistant a when !a.toolCalls().isEmpty() -> {
                    answers.put(i, new Entry.ToolOutput[a.toolCalls().size()]);
                    for (int j = 0; j < a.toolCalls().size(); j++) {
                        open.computeIfAbsent(a.toolCalls().get(j).id(), id -> new ArrayDeque<>()).push(new int[] {i, j});
                    }
                }
                case Entry.ToolOutput t -> {
                    Deque<int[]> calls = open.get(t.callId());
                    if (calls != null && !calls.isEmpty()) {
                        int[] slot = calls.pop();
                        answers.get(slot[0])[slot[1]] = t;
                    }
                }
                default -> {
                }
            }
        }
        return answers;
    }
}
