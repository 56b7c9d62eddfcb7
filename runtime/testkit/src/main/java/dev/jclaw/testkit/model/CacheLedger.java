package dev.jclaw.testkit.model;

import java.util.List;
import java.util.Objects;

/**
 * The prompt tokens and cached tokens the {@link FakeModelServer} reported for each request it answered while
 * computing prefix caching itself, in the order it saw them.
 *
 * <pre>{@code
 * CacheLedger ledger = server.cacheLedger();
 * ledger.entries().getLast().cachedTokens();   // the last request's cache hit
 * ledger.hitRatio();                           // cached / prompt over all requests
 * }</pre>
 *
 * @param entries one per request
 */
public record CacheLedger(List<Entry> entries) {
    /** Copies the list. */
    public CacheLedger {
        entries = List.copyOf(entries);
    }

    /**
     * One request.
     *
     * @param promptTokens the prompt's tokens
     * @param cachedTokens how many of them were reported cached
     * @param sharedTokens the longest prefix shared with an earlier prompt, before rounding
     * @param cacheKey the request's {@code prompt_cache_key}; empty text when none was sent
     */
    public record Entry(long promptTokens, long cachedTokens, long sharedTokens, String cacheKey) {
        /** Checks the key is there. */
        public Entry {
            Objects.requireNonNull(cacheKey, "cacheKey");
        }
    }

    /** @return all prompt tokens */
    public long promptTokens() {
        return entries.stream().mapToLong(Entry::promptTokens).sum();
    }

    /** @return all cached tokens */
    public long cachedTokens() {
        return entries.stream().mapToLong(Entry::cachedTokens).sum();
    }

    /** @return cached over prompt tokens, 0 when there were none */
    public double hitRatio() {
        long prompt = promptTokens();
        return prompt == 0 ? 0 : (double) cachedTokens() / prompt;
    }
}
