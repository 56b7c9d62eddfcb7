package dev.jclaw.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Real processes: what makes a command die with the JVM, and what would kill it too early. */
class ProcessLifeTest {

    private final List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    private static ProcessBuilder quiet(String... argv) {
        return new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    private Process startOnAThreadThatEnds(ProcessBuilder builder, boolean throughSpawner) throws Exception {
        AtomicReference<Process> process = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                process.set(throughSpawner ? Spawner.start(builder) : builder.start());
                // setpriv sets the signal, then becomes sleep: end the thread only once that happened
                awaitCommandName(process.get(), "sleep");
            } catch (IOException | InterruptedException e) {
                failure.set(e);
            }
        });
        thread.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        started.add(process.get());
        return process.get();
    }

    private static void awaitCommandName(Process process, String name) throws IOException, InterruptedException {
        Path comm = Path.of("/proc", Long.toString(process.pid()), "comm");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.readString(comm).strip().equals(name)) {
            if (System.nanoTime() > end) {
                throw new IOException(process.pid() + " did not become " + name);
            }
            Thread.sleep(5);
        }
    }

    @Nested
    class ParentDeathSignal {
        private Path setpriv() {
            Path setpriv = Path.of("/usr/bin/setpriv");
            assumeTrue(Files.isExecutable(setpriv), "setpriv (util-linux) is not installed");
            return setpriv;
        }

        @Test
        void follows_the_thread_that_forked_so_a_process_dies_when_that_thread_ends() throws Exception {
            Process sleeper = startOnAThreadThatEnds(quiet(setpriv().toString(), "--pdeathsig", "KILL",
                    "sleep", "60"), false);

            assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).as("killed when its forking thread ended").isTrue();
        }

        @Test
        void does_not_fire_for_a_process_the_spawner_started() throws Exception {
            Process sleeper = startOnAThreadThatEnds(quiet(setpriv().toString(), "--pdeathsig", "KILL",
                    "sleep", "60"), true);

            assertThat(sleeper.waitFor(1, TimeUnit.SECONDS)).as("still running a second later").isFalse();
        }

        @Test
        void reports_a_program_that_cannot_start_as_an_io_error() {
            Exception failure = org.assertj.core.api.Assertions.catchException(() -> Spawner.start(
                    quiet("/nonexistent/program")));

            assertThat(failure).isInstanceOf(IOException.class).hasMessageContaining("/nonexistent/program");
        }
    }

    @Nested
    class Lifelines {
        @Test
        void kill_the_process_group_of_a_registered_command_when_the_pipe_ends() throws Exception {
            Path setsid = Path.of("/usr/bin/setsid");
            assumeTrue(Files.isExecutable(setsid), "setsid (util-linux) is not installed");
            Lifeline lifeline = Lifeline.start();
            assertThat(lifeline).isNotNull();
            Process command = quiet(setsid.toString(), "sh", "-c", "sleep 60 & sleep 60; exit 0").start();
            started.add(command);
            lifeline.register(command);
            ProcessHandle background = waitForChildren(command, 2).getFirst();

            lifeline.close(); // what the kernel does when the JVM dies, kill -9 included

            assertThat(command.waitFor(5, TimeUnit.SECONDS)).as("the command was killed").isTrue();
            assertThat(background.onExit().get(5, TimeUnit.SECONDS).isAlive()).as("its background job").isFalse();
        }

        private List<ProcessHandle> waitForChildren(Process process, int count) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            List<ProcessHandle> children = process.children().toList();
            while (children.size() < count && System.nanoTime() < end) {
                Thread.sleep(10);
                children = process.children().toList();
            }
            assertThat(children).hasSize(count);
            return children;
        }
    }
}
