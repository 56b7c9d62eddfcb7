package dev.jclaw.plugins.shell;

import static dev.jclaw.plugins.shell.ToolCalls.bash;
import static dev.jclaw.plugins.shell.ToolCalls.call;
import static dev.jclaw.plugins.shell.ToolCalls.command;
import static dev.jclaw.plugins.shell.ToolCalls.content;
import static dev.jclaw.plugins.shell.ToolCalls.numbers;
import static dev.jclaw.plugins.shell.ToolCalls.running;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, interrupts and deadlines end the whole process tree, with SIGTERM first and SIGKILL after the grace. */
class BashKillTest {

    @TempDir
    Path workspace;

    /** Pids a test saw; any still running at the end fails the test, after being killed. */
    private final List<Long> seen = new ArrayList<>();

    @AfterEach
    void leaves_no_process_behind() {
        List<Long> survivors = seen.stream().filter(ToolCalls::running).toList();
        survivors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertThat(survivors).as("processes still running after the call").isEmpty();
    }

    private String timed(BashTool tool, String command, long timeoutSeconds, Duration atMost) throws Exception {
        long start = System.nanoTime();
        String out = content(call(tool, workspace, command(command, timeoutSeconds)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time taken, output:\n" + out).isLessThan(atMost);
        seen.addAll(numbers(out.lines().filter(line -> line.matches("\\d+")).toList().toString()));
        return out;
    }

    @Nested
    class Timeout {
        @Test
        void kills_the_command_and_every_child_promptly() throws Exception {
            String out = timed(bash("{}"), "echo $$; sleep 100 & echo $!; sleep 100 & echo $!;"
                    + " bash -c 'sleep 100 & echo $!; wait' & sleep 0.2; wait", 1, Duration.ofMillis(2500));

            assertThat(out).endsWith("[killed: timeout after 1 s]").doesNotContain("exit_code");
            assertThat(seen).hasSize(4).noneMatch(ToolCalls::running);
        }

        @Test
        void sends_sigterm_first_so_a_command_can_clean_up() throws Exception {
            String out = timed(bash("{}"), "trap 'echo cleaning up; exit 7' TERM; sleep 100 & wait", 1,
                    Duration.ofMillis(2500));

            assertThat(out).isEqualTo("[stdout]\ncleaning up\n[killed: timeout after 1 s]");
        }

        @Test
        void sends_sigkill_after_the_grace_to_what_ignores_sigterm() throws Exception {
            long start = System.nanoTime();
            String out = timed(bash("{\"kill-grace-seconds\": 0.5}"),
                    "trap '' TERM; echo $$; sleep 100 & echo $!; wait", 1, Duration.ofMillis(3500));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            assertThat(out).endsWith("[killed: timeout after 1 s]");
            assertThat(seen).hasSize(2).noneMatch(ToolCalls::running);
        }

        @Test
        void reaches_a_child_that_left_the_process_group() throws Exception {
            String out = timed(bash("{\"kill-grace-seconds\": 0.5}"), "setsid sleep 100 & echo $!; sleep 100", 1,
                    Duration.ofMillis(3000));

            assertThat(out).endsWith("[killed: timeout after 1 s]");
            assertThat(seen).hasSize(1).noneMatch(ToolCalls::running);
        }

        @Test
        void keeps_the_output_printed_before_it() throws Exception {
            String out = timed(bash("{}"), "echo started; echo warming up >&2; sleep 100", 1, Duration.ofMillis(2500));

            assertThat(out).isEqualTo("[stdout]\nstarted\n[stderr]\nwarming up\n[killed: timeout after 1 s]");
        }
    }

    @Nested
    class Deadline {
        @Test
        void of_the_host_kills_the_command_when_it_comes_before_the_timeout() throws Exception {
            long start = System.nanoTime();
            ToolResult result = call(bash("{}"), workspace, command("echo $$; sleep 100"), Duration.ofMillis(800));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            String out = content(result);
            seen.addAll(numbers(out.lines().skip(1).findFirst().orElseThrow()));
            assertThat(out).contains("[killed: the call's deadline passed after ");
        }
    }

    @Nested
    class Interrupt {
        @Test
        void of_the_calling_thread_kills_the_command_promptly_and_stays_set() throws Exception {
            BashTool tool = bash("{}");
            AtomicReference<String> out = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread caller = Thread.ofVirtual().start(() -> {
                try {
                    out.set(content(call(tool, workspace, command("echo $$; sleep 100 & echo $!; wait"))));
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                } catch (Exception e) {
                    out.set(e.toString());
                }
            });
            Thread.sleep(500);
            long start = System.nanoTime();
            caller.interrupt();

            assertThat(caller.join(Duration.ofSeconds(5))).as("the call returned").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
            assertThat(out.get()).contains("[killed: interrupted, the turn was aborted after ");
            assertThat(stillInterrupted).isTrue();
            seen.addAll(numbers(out.get().lines().filter(line -> line.matches("\\d+")).toList().toString()));
            assertThat(seen).hasSize(2).noneMatch(ToolCalls::running);
        }

        @Test
        void that_came_before_the_call_kills_the_command_at_once() throws Exception {
            BashTool tool = bash("{}");
            AtomicReference<String> out = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().unstarted(() -> {
                Thread.currentThread().interrupt();
                try {
                    out.set(content(call(tool, workspace, command("sleep 100"))));
                } catch (Exception e) {
                    out.set(e.toString());
                }
            });
            caller.start();

            assertThat(caller.join(Duration.ofSeconds(5))).isTrue();
            assertThat(out.get()).startsWith("[killed: interrupted");
        }
    }

    @Nested
    class Background_jobs {
        @Test
        void that_keep_the_output_open_are_killed_soon_after_the_command_exits() throws Exception {
            assumeTrue(Shell.locate(System.getenv()).ownProcessGroup(), "setsid --wait is not available");

            String out = timed(bash("{}"), "sleep 100 & echo $!; echo done", 60, Duration.ofMillis(2500));

            assertThat(out).startsWith("[stdout]\n").contains("\ndone\n[exit_code=0]\n[killed: background processes");
            // the output ends while the job is still exiting, so give it a moment to be gone
            assertThat(seen).hasSize(1);
            assertThat(ToolCalls.endsWithin(seen.getFirst(), Duration.ofSeconds(1))).as("the job ended").isTrue();
        }

        @Test
        void with_their_output_redirected_run_on() throws Exception {
            String out = timed(bash("{}"), "sleep 100 > /dev/null 2>&1 & echo $!", 60, Duration.ofMillis(1500));
            long pid = seen.removeFirst();
            try {
                assertThat(out).endsWith("[exit_code=0]");
                assertThat(running(pid)).isTrue();
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }

        @Test
        void that_escaped_both_tree_and_group_are_reported_and_their_output_no_longer_read() throws Exception {
            // the command ends only once the escaped process runs in its own session: before, a loaded machine could
            // end it (and kill its group, the escapee still in it) before setsid had run
            String out = timed(bash("{\"kill-grace-seconds\": 0.2}"), "(setsid sh -c 'echo > .escaped; exec sleep 100'"
                    + " & echo $!); while [ ! -e .escaped ]; do sleep 0.05; done; echo done", 60,
                    Duration.ofMillis(3500));
            long pid = seen.removeFirst();
            try {
                assertThat(out).endsWith("[exit_code=0]\n[output incomplete: a background process outside the "
                        + "command's process group keeps the output open; what it prints from now on is not read]");
            } finally {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
