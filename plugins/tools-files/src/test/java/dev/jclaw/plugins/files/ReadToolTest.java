package dev.jclaw.plugins.files;

import static dev.jclaw.plugins.files.ToolCalls.call;
import static dev.jclaw.plugins.files.ToolCalls.content;
import static dev.jclaw.plugins.files.ToolCalls.failure;
import static dev.jclaw.plugins.files.ToolCalls.path;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.tool.ToolResult;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ReadToolTest {

    @TempDir
    Path workspace;

    final ReadTool tool = new ReadTool();

    private ToolResult read(JsonObject arguments) throws Exception {
        return call(tool, workspace, arguments);
    }

    private ToolResult read(String path, long offset, long limit) throws Exception {
        return read(JsonObject.builder().put("path", path).put("offset", offset).put("limit", limit).build());
    }

    private Path write(String name, String text) throws Exception {
        Path file = workspace.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text, UTF_8);
    }

    /** Writes {@code size} bytes made of {@code pattern} over and over, a mebibyte at a time. */
    private Path writeRepeated(String name, byte[] pattern, long size) throws Exception {
        Path file = workspace.resolve(name);
        ByteBuffer chunk = ByteBuffer.allocate((1 << 20) / pattern.length * pattern.length);
        while (chunk.hasRemaining()) {
            chunk.put(pattern);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long written = 0;
            while (written < size) {
                chunk.clear().limit((int) Math.min(chunk.capacity(), size - written));
                while (chunk.hasRemaining()) {
                    written += channel.write(chunk);
                }
            }
        }
        return file;
    }

    @Nested
    class Numbering {
        @Test
        void prefixes_each_line_with_its_right_aligned_number_and_a_tab() throws Exception {
            write("notes.md", "alpha\nbeta\ngamma\n");

            assertThat(content(read(path("notes.md")))).isEqualTo("     1\talpha\n     2\tbeta\n     3\tgamma");
        }

        @Test
        void reads_a_last_line_without_a_terminator_and_drops_carriage_returns() throws Exception {
            write("dos.txt", "one\r\ntwo\r\nthree");

            assertThat(content(read(path("dos.txt")))).isEqualTo("     1\tone\n     2\ttwo\n     3\tthree");
        }

        @Test
        void keeps_empty_lines() throws Exception {
            write("gaps.txt", "a\n\n\nb\n");

            assertThat(content(read(path("gaps.txt")))).isEqualTo("     1\ta\n     2\t\n     3\t\n     4\tb");
        }

        @Test
        void reads_files_in_subdirectories() throws Exception {
            write("src/main/App.java", "class App {}\n");

            assertThat(content(read(path("src/main/App.java")))).isEqualTo("     1\tclass App {}");
        }

        @Test
        void says_so_when_the_file_is_empty() throws Exception {
            write("empty.txt", "");

            assertThat(content(read(path("empty.txt")))).isEqualTo(ReadTool.EMPTY_FILE);
        }
    }

    @Nested
    class Decoding {
        @Test
        void shows_invalid_utf8_as_replacement_characters() throws Exception {
            Files.write(workspace.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, '\n'});

            assertThat(content(read(path("latin1.txt")))).isEqualTo("     1\tcaf\uFFFD");
        }

        @Test
        void drops_a_byte_order_mark() throws Exception {
            write("bom.txt", "\uFEFFfirst\nsecond\n");

            assertThat(content(read(path("bom.txt")))).isEqualTo("     1\tfirst\n     2\tsecond");
        }

        @Test
        void keeps_multibyte_text_intact() throws Exception {
            write("greek.txt", "καλημέρα 🌅\n");

            assertThat(content(read(path("greek.txt")))).isEqualTo("     1\tκαλημέρα 🌅");
        }
    }

    @Nested
    class Paging {
        @Test
        void starts_at_the_offset_and_stops_after_the_limit_saying_how_to_continue() throws Exception {
            write("five.txt", "1\n2\n3\n4\n5\n");

            assertThat(content(read("five.txt", 2, 2)))
                    .isEqualTo("     2\t2\n     3\t3\n… 2 more lines; call read with offset=4");
        }

        @Test
        void adds_no_trailer_when_the_limit_ends_exactly_at_the_end_of_the_file() throws Exception {
            write("three.txt", "a\nb\nc\n");

            assertThat(content(read("three.txt", 2, 2))).isEqualTo("     2\tb\n     3\tc");
        }

        @Test
        void reads_the_last_line_by_its_offset() throws Exception {
            write("three.txt", "a\nb\nc");

            assertThat(content(read("three.txt", 3, 100))).isEqualTo("     3\tc");
        }

        @Test
        void refuses_an_offset_beyond_the_end_naming_the_line_count() throws Exception {
            write("three.txt", "a\nb\nc\n");

            assertThat(failure(read("three.txt", 4, 10)))
                    .isEqualTo("offset 4 is beyond the end of 'three.txt'; the file has 3 lines");
            assertThat(failure(read("three.txt", 900, 10))).endsWith("the file has 3 lines");
        }

        @Test
        void refuses_any_offset_past_the_first_line_of_an_empty_file() throws Exception {
            write("empty.txt", "");

            assertThat(failure(read("empty.txt", 2, 10))).endsWith("the file has 0 lines");
        }

        @Test
        void reads_at_most_the_default_limit_of_lines() throws Exception {
            write("many.txt", "x\n".repeat(ReadTool.DEFAULT_LIMIT + 5));

            String text = content(read(path("many.txt")));

            assertThat(text.lines()).hasSize(ReadTool.DEFAULT_LIMIT + 1);
            assertThat(text).endsWith("\n  2000\tx\n… 5 more lines; call read with offset=2001");
        }
    }

    @Nested
    class LongContent {
        @Test
        void cuts_a_long_line_with_a_marker_saying_how_much_is_missing() throws Exception {
            write("wide.txt", "x".repeat(5000) + "\nshort\n");

            assertThat(content(read(path("wide.txt")))).isEqualTo("     1\t" + "x".repeat(ReadTool.MAX_LINE_CHARS)
                    + "… [line cut, 3000 more characters]\n     2\tshort");
        }

        @Test
        void keeps_a_line_of_exactly_the_maximum_length_whole() throws Exception {
            write("edge.txt", "y".repeat(ReadTool.MAX_LINE_CHARS) + "\r\n");

            assertThat(content(read(path("edge.txt")))).isEqualTo("     1\t" + "y".repeat(ReadTool.MAX_LINE_CHARS));
        }

        @Test
        void caps_the_output_and_names_the_offset_to_continue_from() throws Exception {
            String line = "z".repeat(199) + "\n";
            write("wide-lines.txt", line.repeat(3000));

            String text = content(read(path("wide-lines.txt")));

            assertThat(text.length()).isLessThanOrEqualTo(ReadTool.MAX_OUTPUT_CHARS + 200);
            String last = text.lines().reduce((a, b) -> b).orElseThrow();
            int shown = (int) text.lines().count() - 1;
            assertThat(last).isEqualTo("… output capped at 256 KiB; " + (3000 - shown)
                    + " more lines; call read with offset=" + (shown + 1));
            assertThat(content(read("wide-lines.txt", shown + 1, 1))).startsWith("%6d\tzzz".formatted(shown + 1));
        }

        @Test
        @Timeout(value = 20, unit = TimeUnit.SECONDS)
        void reads_the_start_of_a_50_megabyte_file_quickly_and_capped() throws Exception {
            writeRepeated("big.log", ("e".repeat(239) + "\n").getBytes(UTF_8), 50L << 20);

            String text = content(read(path("big.log")));

            assertThat(text.length()).isLessThanOrEqualTo(ReadTool.MAX_OUTPUT_CHARS + 200);
            assertThat(text).startsWith("     1\teee").containsPattern("\n… output capped at 256 KiB; "
                    + "more lines follow; call read with offset=\\d+$");
        }

        @Test
        @Timeout(value = 20, unit = TimeUnit.SECONDS)
        void pages_deep_into_a_50_megabyte_file() throws Exception {
            writeRepeated("big.log", "0123456789\n".getBytes(UTF_8), 50L << 20);
            long lines = (50L << 20) / 11 + 1; // the last line is cut short by the size

            String text = content(read("big.log", lines - 1, 10));

            assertThat(text).isEqualTo("%6d\t0123456789\n%6d\t%s".formatted(lines - 1, lines,
                    "0123456789".substring(0, (int) ((50L << 20) % 11))));
        }

        @Test
        @Timeout(value = 20, unit = TimeUnit.SECONDS)
        void cuts_a_single_50_megabyte_line_without_loading_it() throws Exception {
            writeRepeated("one-line.min.js", "abcdefgh".getBytes(UTF_8), 50L << 20);

            String text = content(read(path("one-line.min.js")));

            assertThat(text).startsWith("     1\tabcdefgh")
                    .endsWith("… [line cut, " + ((50L << 20) - ReadTool.MAX_LINE_CHARS) + " more characters]");
        }
    }

    @Nested
    class Cancellation {
        @Test
        void stops_with_an_exception_when_its_thread_is_interrupted() throws Exception {
            write("a.txt", "a\n");
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> read(path("a.txt"))).isInstanceOf(ClosedByInterruptException.class);
            } finally {
                Thread.interrupted();
            }
        }
    }

    @Nested
    class FileKinds {
        @Test
        void reports_a_missing_file_and_points_to_glob() throws Exception {
            assertThat(failure(read(path("nope.txt")))).isEqualTo("file 'nope.txt' does not exist; use glob to find files");
        }

        @Test
        void suggests_names_close_to_a_missing_one() throws Exception {
            write("src/Main.java", "class Main {}\n");
            write("src/Other.java", "class Other {}\n");

            assertThat(failure(read(path("src/Mian.java"))))
                    .isEqualTo("file 'src/Mian.java' does not exist; did you mean 'src/Main.java'?");
            assertThat(failure(read(path("src/main.kt")))).endsWith("did you mean 'src/Main.java'?");
        }

        @Test
        void reports_a_missing_directory_like_a_missing_file() throws Exception {
            assertThat(failure(read(path("no/such/dir/file.txt"))))
                    .isEqualTo("file 'no/such/dir/file.txt' does not exist; use glob to find files");
        }

        @Test
        void refuses_a_directory_and_points_to_glob() throws Exception {
            write("src/App.java", "class App {}\n");

            assertThat(failure(read(path("src")))).isEqualTo("'src' is a directory; use glob to list the files in it");
            assertThat(failure(read(path(".")))).isEqualTo("'.' is a directory; use glob to list the files in it");
        }

        @Test
        void refuses_a_file_with_nul_bytes_near_its_start_as_binary() throws Exception {
            Files.write(workspace.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});

            assertThat(failure(read(path("image.png"))))
                    .isEqualTo("'image.png' is a binary file (it contains NUL bytes); read only reads text");
        }

        @Test
        void reads_a_text_file_whose_first_nul_byte_comes_after_the_probe() throws Exception {
            write("late.txt", "a".repeat(ReadTool.BINARY_PROBE_BYTES) + "\nb\u0000c\n");

            assertThat(content(read("late.txt", 2, 1))).isEqualTo("     2\tb\u0000c");
        }
    }

    @Nested
    class Arguments {
        @Test
        void requires_the_path() throws Exception {
            assertThat(failure(read(JsonObject.EMPTY))).isEqualTo("'path' is required and must be a string");
        }

        @Test
        void rejects_a_path_that_is_not_a_string() throws Exception {
            assertThat(failure(read(JsonObject.builder().put("path", 42).build())))
                    .isEqualTo("'path' must be a string, got number");
        }

        @Test
        void rejects_an_offset_or_limit_that_is_not_an_integer() throws Exception {
            write("a.txt", "a\n");

            assertThat(failure(read(JsonObject.builder().put("path", "a.txt").put("offset", "2").build())))
                    .isEqualTo("'offset' must be an integer, got string");
            assertThat(failure(read(JsonObject.builder().put("path", "a.txt")
                    .put("limit", new dev.jclaw.api.json.JsonNumber(new BigDecimal("1.5"))).build())))
                    .isEqualTo("'limit' must be an integer, got 1.5");
        }

        @Test
        void rejects_a_zero_or_negative_offset() throws Exception {
            write("a.txt", "a\n");

            assertThat(failure(read("a.txt", 0, 10)))
                    .isEqualTo("'offset' must be at least 1 (the first line is 1), got 0");
            assertThat(failure(read("a.txt", -5, 10))).startsWith("'offset' must be at least 1");
        }

        @Test
        void rejects_a_limit_outside_one_to_ten_thousand() throws Exception {
            write("a.txt", "a\n");

            assertThat(failure(read("a.txt", 1, 10_001))).isEqualTo(
                    "'limit' must be between 1 and 10000, got 10001; read large files in pages with 'offset'");
            assertThat(failure(read("a.txt", 1, 0))).startsWith("'limit' must be between 1 and 10000, got 0");
            assertThat(content(read("a.txt", 1, 10_000))).isEqualTo("     1\ta");
        }

        @Test
        void treats_null_arguments_as_absent() throws Exception {
            write("a.txt", "a\n");

            assertThat(content(read(JsonObject.builder().put("path", "a.txt")
                    .put("offset", dev.jclaw.api.json.JsonNull.INSTANCE).build()))).isEqualTo("     1\ta");
        }

        @Test
        void names_an_unknown_argument() throws Exception {
            assertThat(failure(read(JsonObject.builder().put("file_path", new JsonString("a.txt")).build())))
                    .isEqualTo("unknown argument 'file_path'; read takes 'path', 'offset' and 'limit'");
        }
    }
}
