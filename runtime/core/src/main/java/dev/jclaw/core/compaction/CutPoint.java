package dev.jclaw.core.compaction;

import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.TokenCounter;
import dev.jclaw.core.session.Entry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses where a compaction cuts a branch: the entries before the cut are summarised, the entry at the cut is the
 * first one kept verbatim.
 *
 * <p>The kept tail holds at least {@code keepTailTokens}. The cut never falls between an answer that made tool calls
 * and the results of those calls: the model would otherwise read results without calls (which
 * {@code Histories.messages} drops) or calls answered as interrupted. A cut before a user message is preferred; when
 * the nearest one would keep more than twice the wanted tail (one long agentic turn), the cut falls before an answer
 * whose tool results all follow it.
 */
final class CutPoint {
    private CutPoint() {
    }

    /**
     * Where to cut.
     *
     * @param previousSummary the text of the branch's latest summary, which the new summary must take in
     * @param summarised the entries the new summary stands in for, oldest first
     * @param firstKept the first entry kept verbatim
     */
    record Cut(Optional<String> previousSummary, List<Entry> summarised, Entry firstKept) {
    }

    /**
     * Finds the cut.
     *
     * @param path the branch, root first
     * @param counter the token counter
     * @param keepTailTokens the least tokens to keep verbatim
     * @return the cut, or empty when nothing can be summarised without cutting into the tail or a tool exchange
     */
    static Optional<Cut> find(List<Entry> path, TokenCounter counter, int keepTailTokens) {
        Optional<String> previous = Optional.empty();
        List<Entry> live = new ArrayList<>(path.size());
        int summaryAt = -1;
        for (int s = path.size() - 1; s >= 0; s--) {
            if (path.get(s).body() instanceof Entry.CompactionSummary summary) {
                summaryAt = s;
                previous = Optional.of(summary.summary());
                // as Histories does: a firstKept not found before the summary keeps nothing before it
                int kept = s;
                for (int k = 0; k < s; k++) {
                    if (path.get(k).id().equals(summary.firstKept())) {
                        kept = k;
                        break;
                    }
                }
                addVisible(live, path.subList(kept, s));
                break;
            }
        }
        addVisible(live, path.subList(summaryAt + 1, path.size()));
        if (live.size() < 2) {
            return Optional.empty();
        }
        long[] tail = new long[live.size() + 1];
        for (int i = live.size() - 1; i >= 0; i--) {
            tail[i] = tail[i + 1] + tokens(counter, live.get(i).body());
        }
        int last = -1;
        for (int i = live.size() - 1; i >= 0 && last < 0; i--) {
            if (tail[i] >= keepTailTokens) {
                last = i;
            }
        }
        boolean[] clean = cleanBoundaries(live);
        int user = -1;
        int answer = -1;
        for (int c = last; c >= 1 && user < 0; c--) {
            if (clean[c] && live.get(c).body() instanceof Entry.User) {
                user = c;
            } else if (clean[c] && answer < 0 && live.get(c).body() instanceof Entry.Assistant) {
                answer = c;
            }
        }
        int cut = user >= 0 && (answer < 0 || tail[user] <= 2L * keepTailTokens) ? user : answer;
        if (cut < 1) {
            return Optional.empty();
        }
        return Optional.of(new Cut(previous, List.copyOf(live.subList(0, cut)), live.get(cut)));
    }

    /** What the model sees of a stretch of the branch: notes, usage entries and superseded summaries are left out. */
    private static void addVisible(List<Entry> live, List<Entry> entries) {
        for (Entry e : entries) {
            switch (e.body()) {
                case Entry.User u -> live.add(e);
                case Entry.Assistant a -> live.add(e);
                case Entry.ToolOutput t -> live.add(e);
                case Entry.CompactionSummary c -> {
                }
                case Entry.Note n -> {
                }
                case Entry.TurnUsage u -> {
                }
            }
        }
    }

    /** The tokens an entry costs in the model's history, counted the way {@link HistoryTokens} counts. */
    static long tokens(TokenCounter counter, Entry.Body body) {
        return switch (body) {
            case Entry.User u -> HistoryTokens.count(counter, new ChatMessage.User(u.text(), u.images()));
            case Entry.Assistant a -> HistoryTokens.count(counter, new ChatMessage.Assistant(a.text(), a.toolCalls()));
            case Entry.ToolOutput t -> HistoryTokens.count(counter,
                    new ChatMessage.ToolResult(t.callId(), t.tool(), t.content()));
            case Entry.CompactionSummary c -> 0;
            case Entry.Note n -> 0;
            case Entry.TurnUsage u -> 0;
        };
    }

    /**
     * For each index, whether cutting before it keeps every call with its results. Results are matched to calls as
     * {@code Histories} matches them: each to the latest earlier open call with that id.
     */
    private static boolean[] cleanBoundaries(List<Entry> live) {
        int[] open = new int[live.size() + 1];
        Map<String, Deque<Integer>> calls = new HashMap<>();
        for (int i = 0; i < live.size(); i++) {
            switch (live.get(i).body()) {
                case Entry.Assistant a -> {
                    for (var call : a.toolCalls()) {
                        calls.computeIfAbsent(call.id(), id -> new ArrayDeque<>()).push(i);
                    }
                }
                case Entry.ToolOutput t -> {
                    Deque<Integer> waiting = calls.get(t.callId());
                    if (waiting != null && !waiting.isEmpty()) {
                        // a cut anywhere after the call and up to this result would separate them
                        open[waiting.pop() + 1]++;
                        open[i + 1]--;
                    }
                }
                default -> {
                }
            }
        }
        boolean[] clean = new boolean[live.size()];
        int depth = 0;
        for (int i = 0; i < live.size(); i++) {
            depth += open[i];
            clean[i] = depth == 0;
        }
        return clean;
    }
}
