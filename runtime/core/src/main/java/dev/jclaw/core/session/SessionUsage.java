package dev.jclaw.core.session;

import dev.jclaw.core.model.Usage;
import java.util.List;

/**
 * What a conversation's turns cost so far: the {@link Entry.TurnUsage} entries of its branch, summed. Entries on
 * branches set aside (a turn the provider refused as too long) and in other conversations are not counted; entries
 * before a compaction summary are, since compaction deletes nothing.
 *
 * <pre>{@code
 * SessionUsage usage = SessionUsage.of(store.path(id));
 * usage.turns();          // 3
 * usage.cacheHitShare();  // 0.82: 82 % of the prompt tokens came from the provider's cache
 * }</pre>
 *
 * @param turns how many turns were accounted
 * @param inputTokens prompt tokens, cached ones included
 * @param outputTokens completion tokens, reasoning ones included
 * @param cachedTokens prompt tokens served from the provider's cache
 * @param reasoningTokens completion tokens spent on reasoning
 */
public record SessionUsage(int turns, long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens) {
    /** A conversation without accounted turns. */
    public static final SessionUsage NONE = new SessionUsage(0, 0, 0, 0, 0);

    /**
     * Sums the usage entries of a branch.
     *
     * @param path the entries, as {@link SessionStore#path} returns them
     * @return the sum
     */
    public static SessionUsage of(List<Entry> path) {
        SessionUsage sum = NONE;
        for (Entry entry : path) {
            if (entry.body() instanceof Entry.TurnUsage turn) {
                sum = sum.plus(turn);
            }
        }
        return sum;
    }

    /**
     * Adds one turn.
     *
     * @param turn the turn's usage
     * @return the new sum
     */
    public SessionUsage plus(Entry.TurnUsage turn) {
        Usage u = turn.usage();
        return new SessionUsage(turns + 1, inputTokens + u.inputTokens(), outputTokens + u.outputTokens(),
                cachedTokens + u.cachedTokens(), reasoningTokens + u.reasoningTokens());
    }

    /** @return the share of prompt tokens served from the provider's cache, 0 to 1; 0 when there were none */
    public double cacheHitShare() {
        return inputTokens == 0 ? 0 : (double) cachedTokens / inputTokens;
    }
}
