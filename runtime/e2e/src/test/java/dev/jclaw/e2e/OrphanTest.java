package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of {@code jclaw run} during a bash call leaves nothing it started running: in the bubblewrap sandbox (its
 * PID namespace dies with it) and without one (the lifeline kills the command's process group).
 */
class OrphanTest {

    @TempDir
    Path home;
    Path workspace;
    FakeModelServer model;
    Process jclaw;

    @BeforeEach
    void setUp() throws Exception {
        model = FakeModelServer.start();
        workspace = Files.createDirectories(home.resolve("ws"));
    }

    @AfterEach
    void tearDown() {
        if (jclaw != null) {
            jclaw.destroyForcibly();
        }
        model.close();
        // whatever a failed test left: never let it run on
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").matches(".*sleep 31\\d\\.\\d+.*"))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void a_killed_run_leaves_no_command_of_the_sandbox_running() throws Exception {
        assertNothingOutlives("true", "311.1", "311.2");
    }

    @Test
    void a_killed_run_leaves_no_command_running_without_a_sandbox_either() throws Exception {
        assertNothingOutlives("false", "312.1", "312.2");
    }

    private void assertNothingOutlives(String sandboxEnabled, String background, String foreground)
            throws Exception {
        model.enqueue(Reply.toolCalls().call("b1", "bash", "{\"command\": \"sleep " + background + " & sleep "
                + foreground + "\"}"));
        ProcessBuilder builder = new ProcessBuilder(DistributionTest.DIST.resolve("bin/jclaw").toString(), "run",
                "--yes", "--workspace", workspace.toString(), "take a nap");
        builder.environment().put("JCLAW_HOME", home.toString());
        builder.environment().put("OPENAI_BASE_URL", model.baseUrl());
        builder.environment().put("JCLAW_MODEL", "fake-1");
        builder.environment().put("JCLAW_SANDBOX_ENABLED", sandboxEnabled);
        builder.directory(home.toFile()).redirectErrorStream(true).redirectOutput(home.resolve("run.log").toFile());
        jclaw = builder.start();

        boolean started = Eventually.holds(Duration.ofSeconds(30),
                () -> running(background) && running(foreground));
        assertThat(started).as("both sleeps started; log:\n" + Files.readString(home.resolve("run.log"))).isTrue();
        boolean inBwrap = sleeps(foreground).anyMatch(OrphanTest::underBwrap);
        if (sandboxEnabled.equals("true") && !inBwrap) {
            String why = "the command did not run in bubblewrap; log:\n" + Files.readString(home.resolve("run.log"));
            if ("true".equals(System.getenv("JCLAW_REQUIRE_SERVICES"))) {
                throw new AssertionError(why + "\nand JCLAW_REQUIRE_SERVICES=true requires a working bubblewrap");
            }
            Assumptions.abort(why);
        }
        assertThat(inBwrap).as("sandboxed").isEqualTo(sandboxEnabled.equals("true"));
        jclaw.toHandle().destroyForcibly(); // SIGKILL
        assertThat(jclaw.waitFor(10, TimeUnit.SECONDS)).isTrue();

        boolean gone = Eventually.holds(Duration.ofSeconds(5), () -> !running(background) && !running(foreground));
        assertThat(gone).as("no sleep outlives jclaw; still running: " + List.of(background, foreground).stream()
                .filter(OrphanTest::running).toList()).isTrue();
    }

    private static Stream<ProcessHandle> sleeps(String seconds) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").endsWith("sleep " + seconds));
    }

    private static boolean underBwrap(ProcessHandle process) {
        for (Optional<ProcessHandle> p = process.parent(); p.isPresent(); p = p.get().parent()) {
            if (p.get().info().command().orElse("").endsWith("/bwrap")) {
                return true;
            }
        }
        return false;
    }

    /** A process whose command line is {@code sleep <seconds>} runs (a zombie does not count). */
    private static boolean running(String seconds) {
        return sleeps(seconds)
                .anyMatch(p -> {
                    try {
                        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
                        return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
    }
}
