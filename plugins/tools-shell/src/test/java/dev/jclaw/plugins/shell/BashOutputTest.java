package dev.jclaw.plugins.shell;

import static dev.jclaw.plugins.shell.ToolCalls.bash;
import static dev.jclaw.plugins.shell.ToolCalls.call;
import static dev.jclaw.plugins.shell.ToolCalls.command;
import static dev.jclaw.plugins.shell.ToolCalls.content;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Huge, binary and two-stream output: capped to head and tail, streamed in fixed memory, never blocking. */
class BashOutputTest {

    @TempDir
    Path workspace;

    private static String section(String out, String header) {
        int start = out.indexOf(header + "\n");
        assertThat(start).as(header + " in the output").isNotNegative();
        start += header.length() + 1;
        int end = out.indexOf("\n[", start);
        return out.substring(start, end + 1);
    }

    @Nested
    class Fifty_megabytes {
        @Test
        void stay_capped_to_head_and_tail_and_finish_fast() throws Exception {
            long start = System.nanoTime();
            String out = content(call(bash("{}"), workspace,
                    command("head -c 50000000 /dev/zero | tr '\\0' a; echo; echo the end")));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            String stdout = section(out, "[stdout]");
            String marker = HeadTailBuffer.marker(50_000_009L - 30_000);
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(stdout).hasSize(30_000 + marker.length())
                    .startsWith("a".repeat(15_000) + marker)
                    .endsWith("a".repeat(14_991) + "\nthe end\n");
            assertThat(out).endsWith("[exit_code=0]");
        }
    }

    @Nested
    class Head_and_tail {
        @Test
        void keep_the_first_and_last_lines_in_order() throws Exception {
            String out = content(call(bash("{\"output-chars\": 100}"), workspace, command("seq 1 100000")));

            String stdout = section(out, "[stdout]");
            assertThat(stdout).startsWith("1\n2\n3\n4\n5\n").endsWith("99998\n99999\n100000\n")
                    .contains(" characters cut] …");
            assertThat(stdout.substring(0, stdout.indexOf('…'))).hasSize(50 + 1); // the head and the marker's newline
        }

        @Test
        void are_kept_per_stream() throws Exception {
            String out = content(call(bash("{\"output-chars\": 100}"), workspace,
                    command("seq 1 1000; seq 5001 6000 >&2")));

            assertThat(section(out, "[stdout]")).startsWith("1\n2\n").endsWith("999\n1000\n");
            assertThat(section(out, "[stderr]")).startsWith("5001\n5002\n").endsWith("5999\n6000\n");
        }

        @Test
        void output_at_the_limit_is_not_cut() throws Exception {
            String out = content(call(bash("{\"output-chars\": 100}"), workspace, command("printf '%0100d' 7")));

            assertThat(out).isEqualTo("[stdout]\n" + "0".repeat(99) + "7\n[exit_code=0]");
        }
    }

    @Nested
    class Both_streams {
        @Test
        void are_drained_together_so_a_command_filling_stderr_does_not_block() throws Exception {
            String out = content(call(bash("{}"), workspace, command(
                    "head -c 5000000 /dev/zero | tr '\\0' e >&2; head -c 5000000 /dev/zero | tr '\\0' o; echo"),
                    Duration.ofSeconds(20)));

            assertThat(section(out, "[stdout]")).startsWith("ooooo").contains("[4970001 characters cut]");
            assertThat(section(out, "[stderr]")).startsWith("eeeee").contains("[4970000 characters cut]");
            assertThat(out).endsWith("[exit_code=0]");
        }

        @Test
        void interleaved_keep_each_streams_order() throws Exception {
            String out = content(call(bash("{}"), workspace,
                    command("for i in $(seq 1 500); do echo out$i; echo err$i >&2; done")));

            assertThat(section(out, "[stdout]")).startsWith("out1\nout2\n").endsWith("out499\nout500\n")
                    .doesNotContain("err");
            assertThat(section(out, "[stderr]")).startsWith("err1\nerr2\n").endsWith("err500\n")
                    .doesNotContain("out");
        }
    }

    @Nested
    class Binary_output {
        @Test
        void shows_invalid_utf8_and_control_characters_as_replacement_characters() throws Exception {
            String out = content(call(bash("{}"), workspace, command("printf 'a\\0b\\377c\\001d\\te\\n'")));

            assertThat(out).isEqualTo("[stdout]\na\uFFFDb\uFFFDc\uFFFDd\te\n[exit_code=0]");
        }

        @Test
        void of_random_bytes_is_capped_text_and_the_call_succeeds() throws Exception {
            String out = content(call(bash("{}"), workspace, command("head -c 1000000 /dev/urandom; echo; echo ok")));

            assertThat(out).endsWith("\nok\n[exit_code=0]").hasSizeLessThan(31_000);
            assertThat(out.chars()).noneMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' && c != 0x1b);
        }

        @Test
        void split_utf8_sequences_across_reads_decode_whole() throws Exception {
            // 70,000 three-byte characters cross the 64 KiB read buffer in the middle of a sequence
            String out = content(call(bash("{\"output-chars\": 300000}"), workspace,
                    command("for i in $(seq 1 7); do printf '✓%.0s' $(seq 1 10000); done")));

            assertThat(section(out + "\n", "[stdout]").strip()).isEqualTo("✓".repeat(70_000));
        }
    }
}
