package dev.jclaw.core.context;

import java.util.List;
import java.util.Objects;

/**
 * The frozen prefix's sections after {@link PromptBudget#fitFrozen}: in the order given, each with its text as it
 * is to be sent and its tokens.
 *
 * @param sections every section given, in the order given, dropped ones included (with empty text)
 * @param budget the frozen prefix's budget in tokens
 */
public record FittedPrompt(List<Section> sections, int budget) {

    /** Copies the sections. */
    public FittedPrompt {
        sections = List.copyOf(sections);
    }

    /** @return the tokens of all sections, as counted one by one */
    public int tokens() {
        return sections.stream().mapToInt(Section::tokens).sum();
    }

    /** @return whether any section was cut or dropped */
    public boolean cut() {
        return sections.stream().anyMatch(s -> s.fit() != Fit.WHOLE);
    }

    /**
     * Tells whether the sections that may not be cut are over the budget by themselves; then every truncatable
     * section is dropped and the prefix is still larger than its budget.
     *
     * @return whether the prefix is over its budget
     */
    public boolean overBudget() {
        return tokens() > budget;
    }

    /**
     * Joins the texts of the sections that were kept.
     *
     * @param separator put between two sections, e.g. a blank line
     * @return the prefix's text
     */
    public String text(String separator) {
        return String.join(separator, sections.stream().filter(s -> s.fit() != Fit.DROPPED).map(Section::text)
                .toList());
    }

    /** What happened to a section. */
    public enum Fit {
        /** Kept as it was. */
        WHOLE,
        /** Its head kept, ending with a marker that says how many tokens were cut. */
        CUT,
        /** Left out entirely: not even its marker fit. */
        DROPPED
    }

    /**
     * One section after fitting.
     *
     * @param name the section's name
     * @param text the text to send: the original, its head and a marker, or empty when dropped
     * @param tokens the tokens of {@code text}
     * @param originalTokens the tokens of the original text
     * @param fit what happened to it
     */
    public record Section(String name, String text, int tokens, int originalTokens, Fit fit) {
        /** Checks the fields. */
        public Section {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(fit, "fit");
        }
    }
}
