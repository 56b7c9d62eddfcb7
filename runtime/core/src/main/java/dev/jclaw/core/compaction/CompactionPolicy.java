package dev.jclaw.core.compaction;

import dev.jclaw.core.model.ModelException;

/** When to compact: pure decisions, no state. */
public final class CompactionPolicy {
    private CompactionPolicy() {
    }

    /**
     * Tells whether a history must be compacted before it is sent.
     *
     * @param historyTokens the history's tokens as the model would read them ({@link HistoryTokens}), the new
     *                      message included
     * @param historyBudget the tokens the history may take
     * @return whether the history exceeds its budget
     * @throws IllegalArgumentException when a count is negative
     */
    public static boolean needed(int historyTokens, int historyBudget) {
        if (historyTokens < 0 || historyBudget < 0) {
            throw new IllegalArgumentException("token counts must not be negative, got " + historyTokens + " and "
                    + historyBudget);
        }
        return historyTokens > historyBudget;
    }

    /**
     * Tells whether a model failure calls for a compaction and a retry.
     *
     * @param failure the failure
     * @return whether the provider reported a context overflow
     */
    public static boolean needed(ModelException failure) {
        return failure.kind() == ModelException.Kind.CONTEXT_OVERFLOW;
    }
}
