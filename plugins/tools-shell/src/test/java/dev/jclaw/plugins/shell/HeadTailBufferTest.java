package dev.jclaw.plugins.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HeadTailBufferTest {

    private static HeadTailBuffer filled(int limit, String... chunks) {
        HeadTailBuffer buffer = new HeadTailBuffer(limit);
        for (String chunk : chunks) {
            buffer.append(chunk.toCharArray(), 0, chunk.length());
        }
        return buffer;
    }

    @Nested
    class Within_the_limit {
        @Test
        void keeps_everything_without_a_marker() {
            HeadTailBuffer buffer = filled(10, "abc", "defg", "hij");

            assertThat(buffer.text()).isEqualTo("abcdefghij");
            assertThat(buffer.total()).isEqualTo(10);
        }

        @Test
        void is_empty_until_something_is_appended() {
            HeadTailBuffer buffer = new HeadTailBuffer(10);

            assertThat(buffer.isEmpty()).isTrue();
            assertThat(buffer.text()).isEmpty();
        }
    }

    @Nested
    class Over_the_limit {
        @Test
        void keeps_head_and_tail_around_a_marker_counting_the_cut() {
            HeadTailBuffer buffer = filled(10, "0123456789", "abcdefghij");

            assertThat(buffer.text()).isEqualTo("01234" + HeadTailBuffer.marker(10) + "fghij");
        }

        @Test
        void gives_the_same_text_whatever_the_chunking() {
            String input = "The quick brown fox jumps over the lazy dog, again and again and again.";
            HeadTailBuffer whole = filled(16, input);
            HeadTailBuffer oneByOne = new HeadTailBuffer(16);
            for (char c : input.toCharArray()) {
                oneByOne.append(new char[] {c}, 0, 1);
            }
            HeadTailBuffer uneven = filled(16, input.substring(0, 3), input.substring(3, 30), input.substring(30));

            assertThat(oneByOne.text()).isEqualTo(whole.text());
            assertThat(uneven.text()).isEqualTo(whole.text());
            assertThat(whole.text()).isEqualTo("The quic" + HeadTailBuffer.marker(input.length() - 16) + "d again.");
        }

        @Test
        void marks_a_cut_of_one_character() {
            assertThat(filled(4, "abcde").text()).isEqualTo("ab" + HeadTailBuffer.marker(1) + "de");
        }

        @Test
        void counts_every_character_of_a_long_stream_in_fixed_memory() {
            HeadTailBuffer buffer = new HeadTailBuffer(100);
            char[] chunk = "x".repeat(65_536).toCharArray();
            for (int i = 0; i < 1000; i++) {
                buffer.append(chunk, 0, chunk.length);
            }

            assertThat(buffer.total()).isEqualTo(65_536_000L);
            assertThat(buffer.text()).contains("… [65535900 characters cut] …").hasSize(100 + HeadTailBuffer.marker(65_535_900).length());
        }

        @Test
        void drops_the_halves_of_surrogate_pairs_the_cut_splits() {
            // "😀" is a surrogate pair: the head ends with its high half and the tail starts with the low half of another
            HeadTailBuffer buffer = filled(6, "ab😀cdefg😀xy");

            assertThat(buffer.text()).isEqualTo("ab" + HeadTailBuffer.marker(9) + "xy")
                    .doesNotContain("\uD83D").doesNotContain("\uDE00");
        }
    }
}
