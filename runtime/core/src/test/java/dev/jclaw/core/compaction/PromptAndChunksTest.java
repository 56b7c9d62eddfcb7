package dev.jclaw.core.compaction;

import static dev.jclaw.core.compaction.Conversations.words;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromptAndChunksTest {
    final WordCounter counter = new WordCounter();

    @Nested
    class Focus {
        @Test
        void is_added_to_the_instructions_when_given() {
            assertThat(SummaryPrompt.system("")).isEqualTo(SummaryPrompt.INSTRUCTIONS);
            assertThat(SummaryPrompt.system("the database migration")).startsWith(SummaryPrompt.INSTRUCTIONS)
                    .contains("focus on: the database migration");
        }

        @Test
        void is_cleaned_to_one_line_without_control_characters_or_half_surrogates() {
            assertThat(SummaryPrompt.focus("  the\u0000 db\n\nmigration\u2028now\uD800 \r\t")).isEqualTo(
                    "the db migration now");
            assertThat(SummaryPrompt.focus("emoji \uD83D\uDE00 kept")).isEqualTo("emoji \uD83D\uDE00 kept");
        }

        @Test
        void is_capped_with_an_ellipsis() {
            String focus = SummaryPrompt.focus("x".repeat(5_000_000));
            assertThat(focus).hasSizeLessThanOrEqualTo(SummaryPrompt.MAX_FOCUS_CHARS).endsWith("…");
        }
    }

    @Nested
    class Rendering {
        @Test
        void writes_out_calls_and_results_with_their_ids_and_leaves_notes_out() {
            String call = SummaryPrompt.render(new Entry.Assistant("let me look", "", List.of(
                    new ToolCall("c1", "read", "{\"path\":\"/a/b.txt\"}")), false));
            assertThat(call).isEqualTo("[assistant]\nlet me look\n[tool call read id=c1] {\"path\":\"/a/b.txt\"}");
            assertThat(SummaryPrompt.render(new Entry.ToolOutput("c1", "read", "no such file", true)))
                    .isEqualTo("[tool result read id=c1 error]\nno such file");
            assertThat(SummaryPrompt.render(new Entry.Note("switched model"))).isEmpty();
        }

        @Test
        void carries_the_running_summary_before_the_part() {
            String text = SummaryPrompt.request(Optional.of("so far"), "[user]\nhi", 2, 3);
            assertThat(text).startsWith("<summary-so-far>\nso far\n</summary-so-far>")
                    .contains("<conversation part=\"2 of 3\">\n[user]\nhi\n</conversation>")
                    .endsWith("Write the updated summary.");
        }
    }

    @Nested
    class Chunking {
        @Test
        void packs_texts_in_order_within_the_limit() {
            List<String> chunks = Chunks.pack(List.of(words(60, "a"), words(60, "b"), words(30, "c"), ""), counter,
                    100);
            assertThat(chunks).containsExactly(words(60, "a"), words(60, "b") + "\n\n" + words(30, "c"));
        }

        @Test
        void splits_a_text_too_long_for_one_chunk_at_spaces() {
            List<String> chunks = Chunks.pack(List.of(words(1_050, "w")), counter, 100);
            assertThat(chunks).allSatisfy(c -> assertThat(counter.count(c)).isLessThanOrEqualTo(100));
            assertThat(String.join("", chunks)).isEqualTo(words(1_050, "w"));
        }

        @Test
        void splits_a_text_without_spaces_and_never_inside_a_surrogate_pair() {
            TokenCounterByChars chars = new TokenCounterByChars();
            String emoji = "\uD83D\uDE00".repeat(1_000);
            List<String> pieces = Chunks.split(emoji, chars, 333);
            assertThat(String.join("", pieces)).isEqualTo(emoji);
            assertThat(pieces).allSatisfy(p -> {
                assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
                assertThat(chars.count(p)).isLessThanOrEqualTo(333);
            });
        }
    }

    /** One token per UTF-16 unit. */
    static final class TokenCounterByChars implements dev.jclaw.core.model.TokenCounter {
        @Override
        public int count(String text) {
            return text.length();
        }

        @Override
        public String name() {
            return "chars";
        }
    }
}
