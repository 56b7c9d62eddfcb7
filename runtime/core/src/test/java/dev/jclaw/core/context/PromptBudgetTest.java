package dev.jclaw.core.context;

import dev.jclaw.core.model.EstimatedTokens;
import dev.jclaw.core.model.TokenCounter;
import static dev.jclaw.core.context.Words.words;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.context.FittedPrompt.Fit;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromptBudgetTest {

    static PromptBudget frozen(int tokens) {
        return PromptBudget.builder(100_000, Words.COUNTER).frozenTokens(tokens).build();
    }

    @Nested
    class Defaults {
        @Test
        void share_a_large_window_with_the_fixed_caps() {
            PromptBudget budget = PromptBudget.builder(128_000, Words.COUNTER).build();
            assertThat(budget.outputReserve()).isEqualTo(8_192);
            assertThat(budget.frozenBudget()).isEqualTo(32_000);
            assertThat(budget.suffixBudget()).isEqualTo(2_000);
            assertThat(budget.dynamicBudget()).isEqualTo(4_000);
            assertThat(budget.historyBudget(32_000, 2_000, 4_000)).isEqualTo(81_808);
        }

        @Test
        void shrink_with_a_small_window_and_still_leave_room_for_the_history() {
            PromptBudget budget = PromptBudget.builder(8_192, Words.COUNTER).build();
            assertThat(budget.outputReserve()).isEqualTo(1_638);
            assertThat(budget.frozenBudget()).isEqualTo(2_048);
            assertThat(budget.suffixBudget()).isEqualTo(409);
            assertThat(budget.dynamicBudget()).isEqualTo(819);
            assertThat(budget.historyBudget(2_048, 409, 819)).isEqualTo(3_278);
            assertThat(PromptBudget.builder(1, Words.COUNTER).build().historyBudget(0, 0, 0)).isEqualTo(1);
        }

        @Test
        void give_way_to_tokens_and_shares() {
            PromptBudget budget = PromptBudget.builder(100_000, Words.COUNTER).outputReserve(16_000)
                    .frozenShare(0.1).suffixTokens(500).dynamicShare(0.05).build();
            assertThat(budget).extracting(PromptBudget::outputReserve, PromptBudget::frozenBudget,
                    PromptBudget::suffixBudget, PromptBudget::dynamicBudget).containsExactly(16_000, 10_000, 500, 5_000);
            assertThat(budget.toString()).contains("window 100000", "reserve 16000", "words");
        }
    }

    @Nested
    class History {
        final PromptBudget budget = PromptBudget.builder(10_000, Words.COUNTER).outputReserve(1_000).build();

        @Test
        void gets_what_the_reserve_and_the_zones_leave() {
            assertThat(budget.historyBudget(2_000, 300, 700)).isEqualTo(6_000);
            assertThat(budget.needsCompaction(6_000, 2_000, 300, 700)).isFalse();
            assertThat(budget.needsCompaction(6_001, 2_000, 300, 700)).isTrue();
        }

        @Test
        void gets_nothing_when_the_zones_overrun_the_window() {
            assertThat(budget.historyBudget(Integer.MAX_VALUE, Integer.MAX_VALUE, 0)).isZero();
            assertThat(budget.needsCompaction(1, 9_000, 0, 0)).isTrue();
            assertThat(budget.needsCompaction(0, 9_000, 0, 0)).isFalse();
        }
    }

    @Nested
    class Fitting {
        @Test
        void keeps_every_section_whole_within_the_budget_and_counts_each() {
            List<PromptSection> sections = List.of(new PromptSection("identity", "You are JClaw.", 100, false),
                    new PromptSection("skills", words("skill", 20), 10, true));
            FittedPrompt fitted = frozen(100).fitFrozen(sections);
            assertThat(fitted.cut()).isFalse();
            assertThat(fitted.sections()).extracting(FittedPrompt.Section::text)
                    .containsExactly("You are JClaw.", words("skill", 20));
            assertThat(fitted.sections()).extracting(FittedPrompt.Section::tokens).containsExactly(3, 20);
            assertThat(fitted.tokens()).isEqualTo(23);
            assertThat(fitted.text("\n\n")).isEqualTo("You are JClaw.\n\n" + words("skill", 20));
        }

        @Test
        void cuts_the_lowest_priority_first_keeping_its_head_and_a_marker() {
            List<PromptSection> sections = List.of(new PromptSection("identity", words("id", 10), 100, false),
                    new PromptSection("bootstrap", words("boot", 100), 40, true),
                    new PromptSection("skills", words("skill", 100), 20, true));
            FittedPrompt fitted = frozen(160).fitFrozen(sections);

            assertThat(fitted.tokens()).isLessThanOrEqualTo(160);
            assertThat(fitted.sections()).extracting(FittedPrompt.Section::fit)
                    .containsExactly(Fit.WHOLE, Fit.WHOLE, Fit.CUT);
            FittedPrompt.Section skills = fitted.sections().get(2);
            String head = skills.text().substring(0, skills.text().indexOf("\n[… "));
            assertThat(head).startsWith("skill0 skill1 skill2");
            assertThat(skills.text()).endsWith("\n[… " + (100 - Words.COUNTER.count(head))
                    + " tokens of skills cut to fit the prompt budget]");
            assertThat(skills.originalTokens()).isEqualTo(100);
            assertThat(skills.tokens()).isEqualTo(Words.COUNTER.count(skills.text()));
        }

        @Test
        void cuts_the_later_of_two_sections_with_the_same_priority() {
            List<PromptSection> sections = List.of(new PromptSection("memory", words("m", 50), 30, true),
                    new PromptSection("workspace", words("w", 50), 30, true));
            FittedPrompt fitted = frozen(80).fitFrozen(sections);
            assertThat(fitted.sections()).extracting(FittedPrompt.Section::fit).containsExactly(Fit.WHOLE, Fit.CUT);
        }

        @Test
        void never_cuts_a_section_that_is_not_truncatable() {
            List<PromptSection> sections = List.of(new PromptSection("identity", words("id", 300), 0, false),
                    new PromptSection("skills", words("skill", 100), 50, true));
            FittedPrompt fitted = frozen(200).fitFrozen(sections);
            assertThat(fitted.sections().getFirst().text()).isEqualTo(words("id", 300));
            assertThat(fitted.sections().get(1).fit()).isEqualTo(Fit.DROPPED);
            assertThat(fitted.sections().get(1).text()).isEmpty();
            assertThat(fitted.overBudget()).isTrue();
            assertThat(fitted.text("\n")).isEqualTo(words("id", 300));
        }

        @Test
        void leaves_only_the_marker_when_no_head_fits_and_drops_sections_when_markers_do_not() {
            List<PromptSection> sections = List.of(new PromptSection("identity", words("id", 50), 100, false),
                    new PromptSection("memory index", words("m", 1_500), 20, true),
                    new PromptSection("skills", words("s", 2_000), 10, true));
            FittedPrompt markers = frozen(73).fitFrozen(sections);
            assertThat(markers.sections()).extracting(FittedPrompt.Section::text).containsExactly(words("id", 50),
                    "[… 1,500 tokens of memory index cut to fit the prompt budget]",
                    "[… 2,000 tokens of skills cut to fit the prompt budget]");
            assertThat(markers.tokens()).isEqualTo(73);

            FittedPrompt dropped = frozen(65).fitFrozen(sections);
            assertThat(dropped.sections()).extracting(FittedPrompt.Section::fit)
                    .containsExactly(Fit.WHOLE, Fit.CUT, Fit.DROPPED);
            assertThat(dropped.tokens()).isEqualTo(50 + 12);
        }

        @Test
        void gives_the_same_bytes_for_the_same_sections() {
            List<PromptSection> sections = List.of(new PromptSection("identity", "You are JClaw.", 100, false),
                    new PromptSection("bootstrap", Corpus.samples().get(7).text(), 40, true),
                    new PromptSection("skills", Corpus.samples().get(1).text(), 20, true));
            PromptBudget budget = PromptBudget.builder(100_000, EstimatedTokens.INSTANCE).frozenTokens(1_000).build();
            FittedPrompt first = budget.fitFrozen(sections);
            assertThat(budget.fitFrozen(List.copyOf(sections))).isEqualTo(first);
            assertThat(first.tokens()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
            assertThat(first.sections().get(2).text()).endsWith("tokens of skills cut to fit the prompt budget]");
        }

        @Test
        void cuts_at_a_line_break_and_never_inside_a_surrogate_pair() {
            String emoji = "😀".repeat(400);
            FittedPrompt fitted = PromptBudget.builder(100_000, EstimatedTokens.INSTANCE).frozenTokens(100).build()
                    .fitFrozen(List.of(new PromptSection("notes", emoji, 1, true)));
            String text = fitted.sections().getFirst().text();
            assertThat(text.codePoints()).doesNotContain((int) '\uD83D');
            assertThat(fitted.tokens()).isLessThanOrEqualTo(100);

            String lines = "first line of the file\n".repeat(30);
            String cut = frozen(120).fitFrozen(List.of(new PromptSection("file", lines, 1, true))).sections()
                    .getFirst().text();
            assertThat(cut.substring(0, cut.indexOf("[…"))).endsWith("of the file\n");
        }
    }

    @Nested
    class LargeInput {
        @Test
        void fits_a_megabyte_section_counting_little_more_than_the_section_once() {
            String big = Corpus.samples().get(6).text().repeat(170);
            long[] counted = new long[1];
            TokenCounter recording = new TokenCounter() {
                @Override
                public int count(String text) {
                    counted[0] += text.length();
                    return EstimatedTokens.INSTANCE.count(text);
                }

                @Override
                public String name() {
                    return "recording";
                }
            };
            FittedPrompt fitted = PromptBudget.builder(200_000, recording).frozenTokens(2_000).build()
                    .fitFrozen(List.of(new PromptSection("bootstrap", big, 1, true)));
            assertThat(big.length()).isGreaterThan(1_000_000);
            assertThat(fitted.tokens()).isBetween(1_800, 2_000);
            assertThat(counted[0]).isLessThan(big.length() + 200_000L);
        }
    }

    @Nested
    class BadInput {
        @Test
        void refuses_windows_and_reserves_that_leave_nothing() {
            assertThatThrownBy(() -> PromptBudget.builder(0, Words.COUNTER))
                    .hasMessage("the context window must be positive, got 0 tokens");
            assertThatThrownBy(() -> PromptBudget.builder(-5, Words.COUNTER))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PromptBudget.builder(10_000, Words.COUNTER).outputReserve(10_000).build())
                    .hasMessage("the output reserve (10000 tokens) must be smaller than the context window"
                            + " (10000 tokens)");
            assertThatThrownBy(() -> PromptBudget.builder(10_000, Words.COUNTER).outputReserve(5_000)
                    .frozenTokens(5_000).build()).hasMessage("the output reserve and the zone budgets (11500 tokens in"
                    + " all) must leave room for the history in a context window of 10000 tokens");
        }

        @Test
        void refuses_negative_tokens_and_shares_outside_zero_to_one() {
            PromptBudget.Builder b = PromptBudget.builder(10_000, Words.COUNTER);
            assertThatThrownBy(() -> b.outputReserve(-1)).hasMessage("the output reserve must not be negative, got -1"
                    + " tokens");
            assertThatThrownBy(() -> b.suffixTokens(-1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.frozenShare(1.5))
                    .hasMessage("the frozen prefix's share of the window must be from 0 to 1, got 1.5");
            assertThatThrownBy(() -> b.dynamicShare(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> b.suffixShare(-0.1)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refuses_negative_counts() {
            PromptBudget budget = PromptBudget.builder(10_000, Words.COUNTER).build();
            assertThatThrownBy(() -> budget.historyBudget(-1, 0, 0))
                    .hasMessage("the frozen prefix's tokens must not be negative, got -1");
            assertThatThrownBy(() -> budget.needsCompaction(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refuses_sections_with_the_same_name_or_a_bad_name() {
            PromptSection a = new PromptSection("skills", "a", 1, true);
            assertThatThrownBy(() -> frozen(10).fitFrozen(List.of(a, a)))
                    .hasMessage("two prompt sections are named 'skills'; each needs its own name");
            assertThatThrownBy(() -> new PromptSection(" ", "", 0, true)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PromptSection("x".repeat(65), "", 0, true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new PromptSection("a\nb", "", 0, true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
