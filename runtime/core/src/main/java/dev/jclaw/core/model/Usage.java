package dev.jclaw.core.model;

/**
 * Token counts the provider reported for one request (zero when it reported none).
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param cachedTokens prompt tokens served from the provider's cache ({@code prompt_tokens_details.cached_tokens})
 * @param reasoningTokens completion tokens spent on reasoning
 */
public record Usage(long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens) {
    /** No usage. */
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    /**
     * Adds two counts.
     *
     * @param other the other counts
     * @return the sum
     */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cachedTokens + other.cachedTokens, reasoningTokens + other.reasoningTokens);
    }
}
