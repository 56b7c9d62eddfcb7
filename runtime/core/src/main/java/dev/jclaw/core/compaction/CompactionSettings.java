package dev.jclaw.core.compaction;

/**
 * How much a compaction keeps and how it talks to the model.
 *
 * @param keepTailTokens the least number of tokens of the most recent history kept verbatim; the tail grows past it
 *                       to the next clean boundary (a user message, or an answer whose tool results all follow it)
 * @param chunkTokens the most tokens of older history sent in one summarisation request; longer histories are
 *                    summarised in chunks, each request carrying the summary so far
 * @param summaryMaxTokens the output limit of each summarisation request
 */
public record CompactionSettings(int keepTailTokens, int chunkTokens, int summaryMaxTokens) {
    /** The defaults: a 20,000-token tail, 60,000-token chunks, summaries of at most 4,000 tokens. */
    public static final CompactionSettings DEFAULT = new CompactionSettings(20_000, 60_000, 4_000);

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public CompactionSettings {
        if (keepTailTokens < 1) {
            throw new IllegalArgumentException("compaction keep-tail-tokens must be at least 1, got " + keepTailTokens);
        }
        if (chunkTokens < 100) {
            throw new IllegalArgumentException("compaction chunk-tokens must be at least 100, got " + chunkTokens);
        }
        if (summaryMaxTokens < 50) {
            throw new IllegalArgumentException("compaction summary-max-tokens must be at least 50, got "
                    + summaryMaxTokens);
        }
        if (summaryMaxTokens >= chunkTokens) {
            throw new IllegalArgumentException("compaction summary-max-tokens (" + summaryMaxTokens
                    + ") must be smaller than chunk-tokens (" + chunkTokens + "), or summaries would not shrink"
                    + " the history");
        }
    }
}
