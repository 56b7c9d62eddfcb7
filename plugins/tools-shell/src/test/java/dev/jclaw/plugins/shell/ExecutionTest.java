package dev.jclaw.plugins.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.plugins.shell.Execution.Ending;
import dev.jclaw.plugins.shell.Execution.Leftovers;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExecutionTest {

    private static final Ending OK = new Ending.Exited(0);

    @Nested
    class Sections {
        @Test
        void come_in_the_order_stdout_stderr_status() {
            String text = new Execution("out\n", "err\n", OK, Leftovers.NONE).text();

            assertThat(text).isEqualTo("[stdout]\nout\n[stderr]\nerr\n[exit_code=0]");
        }

        @Test
        void that_are_empty_are_left_out() {
            assertThat(new Execution("out\n", "", OK, Leftovers.NONE).text()).isEqualTo("[stdout]\nout\n[exit_code=0]");
            assertThat(new Execution("", "err\n", OK, Leftovers.NONE).text()).isEqualTo("[stderr]\nerr\n[exit_code=0]");
            assertThat(new Execution("", "", OK, Leftovers.NONE).text()).isEqualTo("[exit_code=0]");
        }

        @Test
        void end_with_a_line_break_even_when_the_output_does_not() {
            assertThat(new Execution("no newline", "", new Ending.Exited(2), Leftovers.NONE).text())
                    .isEqualTo("[stdout]\nno newline\n[exit_code=2]");
        }

        @Test
        void keep_a_blank_line_the_command_printed() {
            assertThat(new Execution("\n", "", OK, Leftovers.NONE).text()).isEqualTo("[stdout]\n\n[exit_code=0]");
        }
    }

    @Nested
    class Status_line {
        @Test
        void says_why_a_command_was_killed_instead_of_an_exit_code() {
            assertThat(new Execution("", "", new Ending.TimedOut(Duration.ofSeconds(120)), Leftovers.NONE).text())
                    .isEqualTo("[killed: timeout after 120 s]");
            assertThat(new Execution("", "", new Ending.DeadlinePassed(Duration.ofMillis(1500)), Leftovers.NONE).text())
                    .isEqualTo("[killed: the call's deadline passed after 1.5 s]");
            assertThat(new Execution("x", "", new Ending.Interrupted(Duration.ofMillis(300)), Leftovers.NONE).text())
                    .isEqualTo("[stdout]\nx\n[killed: interrupted, the turn was aborted after 0.3 s]");
        }

        @Test
        void is_followed_by_a_line_about_background_processes_dealt_with() {
            assertThat(new Execution("", "", OK, Leftovers.KILLED).text())
                    .startsWith("[exit_code=0]\n[killed: background processes that kept the output open");
            assertThat(new Execution("", "", OK, Leftovers.ESCAPED).text())
                    .startsWith("[exit_code=0]\n[output incomplete: ");
        }
    }

    @Nested
    class Seconds {
        @Test
        void are_whole_from_ten_and_have_up_to_two_decimals_below() {
            assertThat(Execution.seconds(Duration.ofSeconds(600))).isEqualTo("600 s");
            assertThat(Execution.seconds(Duration.ofMillis(12_400))).isEqualTo("12 s");
            assertThat(Execution.seconds(Duration.ofMillis(3000))).isEqualTo("3 s");
            assertThat(Execution.seconds(Duration.ofMillis(1003))).isEqualTo("1 s");
            assertThat(Execution.seconds(Duration.ofMillis(250))).isEqualTo("0.25 s");
            assertThat(Execution.seconds(Duration.ZERO)).isEqualTo("0 s");
        }
    }
}
