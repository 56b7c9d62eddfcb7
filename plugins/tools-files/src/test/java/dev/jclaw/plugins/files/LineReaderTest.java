package dev.jclaw.plugins.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    /** Hands out one character per read, so that every line ending falls on a buffer boundary somewhere. */
    private static Reader trickling(String text) {
        return new Reader() {
            private int pos;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (pos == text.length()) {
                    return -1;
                }
                buffer[offset] = text.charAt(pos++);
                return 1;
            }

            @Override
            public void close() {
            }
        };
    }

    private static List<LineReader.Line> lines(Reader in, int keep) throws IOException {
        LineReader reader = new LineReader(in);
        List<LineReader.Line> lines = new ArrayList<>();
        for (LineReader.Line line = reader.next(keep); line != null; line = reader.next(keep)) {
            lines.add(line);
        }
        return lines;
    }

    @Nested
    class Splitting {
        @Test
        void yields_no_lines_for_an_empty_stream() throws Exception {
            assertThat(lines(new StringReader(""), 10)).isEmpty();
        }

        @Test
        void yields_one_empty_line_for_a_lone_newline() throws Exception {
            assertThat(lines(new StringReader("\n"), 10)).containsExactly(new LineReader.Line("", 0));
        }

        @Test
        void drops_a_carriage_return_split_from_its_newline_by_a_read_boundary() throws Exception {
            assertThat(lines(trickling("ab\r\ncd\r\n"), 10))
                    .containsExactly(new LineReader.Line("ab", 0), new LineReader.Line("cd", 0));
        }

        @Test
        void keeps_a_carriage_return_inside_a_line() throws Exception {
            assertThat(lines(new StringReader("a\rb\n"), 10)).containsExactly(new LineReader.Line("a\rb", 0));
        }

        @Test
        void counts_consumed_characters_including_terminators() throws Exception {
            LineReader reader = new LineReader(new StringReader("abc\r\nde\nf"));

            while (reader.skip()) {
                // drain
            }

            assertThat(reader.consumed()).isEqualTo(9);
        }
    }

    @Nested
    class Cutting {
        @Test
        void keeps_the_prefix_and_counts_the_rest_across_reads() throws Exception {
            assertThat(lines(trickling("abcdefgh\r\nij\n"), 3))
                    .containsExactly(new LineReader.Line("abc", 5), new LineReader.Line("ij", 0));
        }

        @Test
        void does_not_count_the_carriage_return_of_a_cut_line() throws Exception {
            assertThat(lines(new StringReader("abcd\r\n"), 4)).containsExactly(new LineReader.Line("abcd", 0));
            assertThat(lines(new StringReader("abcde\r\n"), 4)).containsExactly(new LineReader.Line("abcd", 1));
        }

        @Test
        void never_ends_a_cut_line_on_half_a_surrogate_pair() throws Exception {
            assertThat(lines(new StringReader("ab🌅cd\n"), 3)).containsExactly(new LineReader.Line("ab", 4));
        }

        @Test
        void keeps_nothing_when_skipping() throws Exception {
            assertThat(lines(new StringReader("abc\n"), 0)).containsExactly(new LineReader.Line("", 3));
        }
    }
}
