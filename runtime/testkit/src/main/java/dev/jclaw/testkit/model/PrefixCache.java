package dev.jclaw.testkit.model;

import dev.jclaw.api.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake model server's automatic prefix cache: tokenizes each prompt ({@link PromptText},
 * {@link PromptTokenizer}), finds the longest prefix it shares with an earlier prompt in its scope, and keeps a
 * ledger. Requests are matched in the order they take the lock, as a provider sees concurrent requests in some
 * order.
 */
final class PrefixCache {
    private final PrefixCaching rules;
    private final PromptTokenizer tokenizer = new PromptTokenizer();
    // guarded by this
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, TokenTrie> scopes = new HashMap<>();
    private final List<CacheLedger.Entry> ledger = new ArrayList<>();

    PrefixCache(PrefixCaching rules) {
        this.rules = rules;
    }

    /** Measures one request's prompt and remembers it for the requests after it. */
    CacheLedger.Entry measure(JsonObject body) {
        List<String> tokens = tokenizer.tokens(PromptText.of(body)); // the slow part, outside the lock
        String key = body.optString("prompt_cache_key").orElse("");
        synchronized (this) {
            int[] sequence = new int[tokens.size()];
            for (int i = 0; i < sequence.length; i++) {
                sequence[i] = ids.computeIfAbsent(tokens.get(i), t -> ids.size());
            }
            TokenTrie trie = scopes.computeIfAbsent(rules.scopedByCacheKey() ? key : "", k -> new TokenTrie());
            long shared = trie.matchAndAdd(sequence);
            CacheLedger.Entry entry = new CacheLedger.Entry(sequence.length, rules.cached(shared), shared, key);
            ledger.add(entry);
            return entry;
        }
    }

    synchronized CacheLedger ledger() {
        return new CacheLedger(ledger);
    }
}
