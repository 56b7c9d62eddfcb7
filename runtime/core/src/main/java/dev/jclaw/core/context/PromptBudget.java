package dev.jclaw.core.context;

import dev.jclaw.core.model.TokenCounter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How a model's context window is shared in a turn: a reserve for the answer, a budget for each prompt zone (frozen
 * prefix, per-turn suffix, dynamic zone), and the rest for the conversation history.
 *
 * <pre>{@code
 * PromptBudget budget = PromptBudget.builder(128_000, model.tokenCounter("gpt-4o")).build();
 * FittedPrompt prefix = budget.fitFrozen(sections);            // cut to 32,000 tokens, lowest priority first
 * int history = budget.historyBudget(prefix.tokens(), suffixTokens, dynamicTokens);
 * if (budget.needsCompaction(historyTokens, prefix.tokens(), suffixTokens, dynamicTokens)) { ... compact ... }
 * }</pre>
 *
 * <p>Defaults, for a window of {@code W} tokens: output reserve {@code min(8,192, 20% of W)}; frozen prefix 25% of
 * {@code W}; suffix {@code min(2,000, 5% of W)}; dynamic zone {@code min(4,000, 10% of W)}. For 128k tokens that
 * leaves at least 81,808 tokens for the history.
 *
 * <p>Immutable and thread-safe. {@link #fitFrozen} is deterministic: the same sections give the same bytes, so a
 * prompt cache keeps hitting.
 */
public final class PromptBudget {

    /** The largest default output reserve. */
    public static final int DEFAULT_MAX_OUTPUT_RESERVE = 8_192;
    /** The largest default suffix budget. */
    public static final int DEFAULT_MAX_SUFFIX = 2_000;
    /** The largest default dynamic zone budget. */
    public static final int DEFAULT_MAX_DYNAMIC = 4_000;

    private final int contextWindow;
    private final int outputReserve;
    private final int frozen;
    private final int suffix;
    private final int dynamic;
    private final TokenCounter counter;

    private PromptBudget(Builder b) {
        contextWindow = b.contextWindow;
        outputReserve = b.outputReserve.resolve(contextWindow);
        frozen = b.frozen.resolve(contextWindow);
        suffix = b.suffix.resolve(contextWindow);
        dynamic = b.dynamic.resolve(contextWindow);
        counter = b.counter;
        if (outputReserve >= contextWindow) {
            throw new IllegalArgumentException("the output reserve (" + outputReserve + " tokens) must be smaller"
                    + " than the context window (" + contextWindow + " tokens)");
        }
        long zones = (long) outputReserve + frozen + suffix + dynamic;
        if (zones >= contextWindow) {
            throw new IllegalArgumentException("the output reserve and the zone budgets (" + zones + " tokens in all)"
                    + " must leave room for the history in a context window of " + contextWindow + " tokens");
        }
    }

    /**
     * Starts a budget with the defaults.
     *
     * @param contextWindow the model's context window in tokens, positive
     * @param counter counts tokens for the model
     * @return a builder
     * @throws IllegalArgumentException when the window is not positive
     */
    public static Builder builder(int contextWindow, TokenCounter counter) {
        return new Builder(contextWindow, counter);
    }

    /** @return the context window in tokens */
    public int contextWindow() {
        return contextWindow;
    }

    /** @return the tokens kept free for the answer */
    public int outputReserve() {
        return outputReserve;
    }

    /** @return the frozen prefix's budget in tokens */
    public int frozenBudget() {
        return frozen;
    }

    /** @return the per-turn suffix's budget in tokens */
    public int suffixBudget() {
        return suffix;
    }

    /** @return the dynamic zone's budget in tokens */
    public int dynamicBudget() {
        return dynamic;
    }

    /** @return the counter the budget counts with */
    public TokenCounter counter() {
        return counter;
    }

    /**
     * Fits the frozen prefix's sections to its budget. When they are over it, truncatable sections are cut, lowest
     * priority first (among equals, the later one first): a section keeps as much of its head as the budget allows
     * and ends with a marker such as {@code [… 1,234 tokens of skills cut to fit the prompt budget]}; when none of its
     * head fits, the marker alone stands for it; only when even the markers are too many are sections dropped.
     * Sections that are not truncatable are never cut: when they alone are over the budget, the result says so
     * ({@link FittedPrompt#overBudget()}).
     *
     * @param sections the sections in prompt order, with distinct names
     * @return every section in the same order, with its text to send and its tokens
     * @throws IllegalArgumentException when two sections have the same name
     */
    public FittedPrompt fitFrozen(List<PromptSection> sections) {
        Set<String> names = new HashSet<>();
        for (PromptSection section : sections) {
            if (!names.add(section.name())) {
                throw new IllegalArgumentException("two prompt sections are named '" + section.name()
                        + "'; each needs its own name");
            }
        }
        int n = sections.size();
        int[] original = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            original[i] = counter.count(sections.get(i).text());
            total += original[i];
        }
        List<FittedPrompt.Section> fitted = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PromptSection s = sections.get(i);
            fitted.add(new FittedPrompt.Section(s.name(), s.text(), original[i], original[i], FittedPrompt.Fit.WHOLE));
        }
        long excess = total - frozen;
        List<Integer> cutOrder = cutOrder(sections);
        for (int i : cutOrder) {
            if (excess <= 0) {
                break;
            }
            FittedPrompt.Section s = fitted.get(i);
            if (s.tokens() == 0) {
                continue;
            }
            FittedPrompt.Section cut = cut(s, (int) Math.max(0, s.tokens() - excess));
            excess -= s.tokens() - cut.tokens();
            fitted.set(i, cut);
        }
        for (int i : cutOrder) {
            if (excess <= 0) {
                break;
            }
            FittedPrompt.Section s = fitted.get(i);
            if (s.fit() == FittedPrompt.Fit.CUT) {
                excess -= s.tokens();
                fitted.set(i, new FittedPrompt.Section(s.name(), "", 0, s.originalTokens(), FittedPrompt.Fit.DROPPED));
            }
        }
        return new FittedPrompt(fitted, frozen);
    }

    /**
     * Tells how many tokens the history may use, given what the zones use in this turn.
     *
     * @param frozenTokens the frozen prefix's tokens (tool definitions included)
     * @param suffixTokens the per-turn suffix's tokens
     * @param dynamicTokens the dynamic zone's tokens
     * @return the window less the output reserve and the zones, 0 when nothing is left
     * @throws IllegalArgumentException when a count is negative
     */
    public int historyBudget(int frozenTokens, int suffixTokens, int dynamicTokens) {
        requireCount(frozenTokens, "frozen prefix");
        requireCount(suffixTokens, "suffix");
        requireCount(dynamicTokens, "dynamic zone");
        long left = (long) contextWindow - outputReserve - frozenTokens - suffixTokens - dynamicTokens;
        return (int) Math.max(0, left);
    }

    /**
     * Tells whether the history must be compacted before the request is sent.
     *
     * @param historyTokens the history's tokens
     * @param frozenTokens the frozen prefix's tokens
     * @param suffixTokens the per-turn suffix's tokens
     * @param dynamicTokens the dynamic zone's tokens
     * @return whether the history is over {@link #historyBudget}
     * @throws IllegalArgumentException when a count is negative
     */
    public boolean needsCompaction(int historyTokens, int frozenTokens, int suffixTokens, int dynamicTokens) {
        requireCount(historyTokens, "history");
        return historyTokens > historyBudget(frozenTokens, suffixTokens, dynamicTokens);
    }

    /** Truncatable sections, lowest priority first; among equal priorities the later section first. */
    private static List<Integer> cutOrder(List<PromptSection> sections) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            if (sections.get(i).truncatable()) {
                order.add(i);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(i -> sections.get(i).priority())
                .thenComparing(Comparator.reverseOrder()));
        return order;
    }

    /** The section cut to at most {@code allowed} tokens: head and marker, the marker alone, or dropped. */
    private FittedPrompt.Section cut(FittedPrompt.Section s, int allowed) {
        String alone = marker(s.name(), s.originalTokens());
        int aloneTokens = counter.count(alone);
        int target = allowed - counter.count("\n" + alone);
        for (int attempt = 0; attempt < 3 && target > 0; attempt++) {
            String head = HeadCut.head(s.text(), target, counter).stripTrailing();
            if (head.isEmpty()) {
                break;
            }
            String text = head + "\n" + marker(s.name(), Math.max(1, s.originalTokens() - counter.count(head)));
            int tokens = counter.count(text);
            if (tokens <= allowed) {
                return new FittedPrompt.Section(s.name(), text, tokens, s.originalTokens(), FittedPrompt.Fit.CUT);
            }
            target -= tokens - allowed;
        }
        if (aloneTokens < s.tokens()) {
            return new FittedPrompt.Section(s.name(), alone, aloneTokens, s.originalTokens(), FittedPrompt.Fit.CUT);
        }
        return new FittedPrompt.Section(s.name(), "", 0, s.originalTokens(), FittedPrompt.Fit.DROPPED);
    }

    private static String marker(String name, int cutTokens) {
        return String.format(Locale.ROOT, "[… %,d tokens of %s cut to fit the prompt budget]", cutTokens, name);
    }

    private static void requireCount(int tokens, String what) {
        if (tokens < 0) {
            throw new IllegalArgumentException("the " + what + "'s tokens must not be negative, got " + tokens);
        }
    }

    @Override
    public String toString() {
        return "PromptBudget[window " + contextWindow + ", reserve " + outputReserve + ", frozen " + frozen
                + ", suffix " + suffix + ", dynamic " + dynamic + ", " + counter.name() + "]";
    }

    /** Sets the reserve and the zone budgets, as tokens or as shares of the window; unset ones keep the defaults. */
    public static final class Builder {
        private final int contextWindow;
        private final TokenCounter counter;
        private Limit outputReserve;
        private Limit frozen = new Limit.Share(0.25, Integer.MAX_VALUE);
        private Limit suffix = new Limit.Share(0.05, DEFAULT_MAX_SUFFIX);
        private Limit dynamic = new Limit.Share(0.10, DEFAULT_MAX_DYNAMIC);

        private Builder(int contextWindow, TokenCounter counter) {
            if (contextWindow <= 0) {
                throw new IllegalArgumentException("the context window must be positive, got " + contextWindow
                        + " tokens");
            }
            this.contextWindow = contextWindow;
            this.counter = Objects.requireNonNull(counter, "counter");
            outputReserve = new Limit.Share(0.20, DEFAULT_MAX_OUTPUT_RESERVE);
        }

        /**
         * Sets the output reserve, e.g. the model's {@code max-output-tokens}.
         *
         * @param tokens the tokens kept free for the answer, not negative, less than the window
         * @return this builder
         */
        public Builder outputReserve(int tokens) {
            outputReserve = new Limit.Tokens(tokens, "output reserve");
            return this;
        }

        /**
         * @param tokens the frozen prefix's budget, not negative
         * @return this builder
         */
        public Builder frozenTokens(int tokens) {
            frozen = new Limit.Tokens(tokens, "frozen prefix budget");
            return this;
        }

        /**
         * @param share the frozen prefix's budget as a share of the window, from 0 to 1
         * @return this builder
         */
        public Builder frozenShare(double share) {
            frozen = Limit.share(share, "frozen prefix");
            return this;
        }

        /**
         * @param tokens the per-turn suffix's budget, not negative
         * @return this builder
         */
        public Builder suffixTokens(int tokens) {
            suffix = new Limit.Tokens(tokens, "suffix budget");
            return this;
        }

        /**
         * @param share the per-turn suffix's budget as a share of the window, from 0 to 1
         * @return this builder
         */
        public Builder suffixShare(double share) {
            suffix = Limit.share(share, "suffix");
            return this;
        }

        /**
         * @param tokens the dynamic zone's budget, not negative
         * @return this builder
         */
        public Builder dynamicTokens(int tokens) {
            dynamic = new Limit.Tokens(tokens, "dynamic zone budget");
            return this;
        }

        /**
         * @param share the dynamic zone's budget as a share of the window, from 0 to 1
         * @return this builder
         */
        public Builder dynamicShare(double share) {
            dynamic = Limit.share(share, "dynamic zone");
            return this;
        }

        /**
         * Builds the budget.
         *
         * @return the budget
         * @throws IllegalArgumentException when the reserve is not smaller than the window, or the reserve and the
         *                                  zones leave nothing for the history
         */
        public PromptBudget build() {
            return new PromptBudget(this);
        }
    }

    /** A budget as tokens, or as a share of the window up to a cap. */
    private sealed interface Limit {
        int resolve(int window);

        static Limit share(double share, String what) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("the " + what + "'s share of the window must be from 0 to 1, got "
                        + share);
            }
            return new Share(share, Integer.MAX_VALUE);
        }

        record Tokens(int tokens, String what) implements Limit {
            public Tokens {
                if (tokens < 0) {
                    throw new IllegalArgumentException("the " + what + " must not be negative, got " + tokens
                            + " tokens");
                }
            }

            @Override
            public int resolve(int window) {
                return tokens;
            }
        }

        record Share(double share, int cap) implements Limit {
            @Override
            public int resolve(int window) {
                return (int) Math.min(cap, Math.floor(window * share));
            }
        }
    }
}
