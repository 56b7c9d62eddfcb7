package dev.jclaw.testkit.model;

/**
 * How the {@link FakeModelServer} computes cached prompt tokens when it does so itself
 * ({@link FakeModelServer#prefixCaching(PrefixCaching)}), the way a provider with automatic prefix caching does:
 * the longest token prefix the prompt shares with any earlier prompt, rounded down to whole blocks, and nothing
 * below a minimum.
 *
 * @param minimumTokens a shared prefix shorter than this is not cached at all
 * @param blockTokens the cached count is a multiple of this
 * @param scopedByCacheKey whether a request only shares with earlier requests of the same {@code prompt_cache_key}
 *     (requests without one share among themselves)
 */
public record PrefixCaching(int minimumTokens, int blockTokens, boolean scopedByCacheKey) {
    /**
     * Checks the numbers.
     *
     * @throws IllegalArgumentException when the minimum is negative or the block is not positive
     */
    public PrefixCaching {
        if (minimumTokens < 0 || blockTokens < 1) {
            throw new IllegalArgumentException("prefix caching needs a minimum of 0 or more tokens and a block of"
                    + " 1 or more, got " + minimumTokens + " and " + blockTokens);
        }
    }

    /** @return OpenAI's rules: from 1,024 tokens on, in blocks of 128, scoped by {@code prompt_cache_key} */
    public static PrefixCaching openAi() {
        return new PrefixCaching(1024, 128, true);
    }

    /**
     * @param sharedTokens the longest prefix shared with an earlier prompt
     * @return the tokens reported as cached
     */
    long cached(long sharedTokens) {
        return sharedTokens < minimumTokens ? 0 : sharedTokens / blockTokens * blockTokens;
    }
}
