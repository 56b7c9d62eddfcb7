package dev.jclaw.plugins.shell;

import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.api.process.SandboxCommand;
import dev.jclaw.api.process.SandboxRefusedException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command to its end: {@code bash -c} in the workspace, stdin from {@code /dev/null}, stdout and stderr
 * drained concurrently into capped buffers, killed with its tree on timeout, deadline or interrupt.
 *
 * <p>Once the command exits, its output normally ends at once. When background jobs keep it open, they get
 * {@value #DRAIN_MILLIS} ms, then their process group is killed; a process that left the group too is left alone,
 * and its further output is not read. So a call returns soon after its command ends, whatever the command started.
 *
 * <p>Stateless apart from its settings, so thread-safe; each call uses the calling thread and two virtual threads.
 */
final class CommandRunner {

    static final long DRAIN_MILLIS = 500;
    /** After a kill the output ends at once unless a process escaped; a short bound keeps the call prompt. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(1);

    private final Shell shell;
    private final ProcessSandbox sandbox;
    private final boolean confined;
    private final ProcessTree tree;
    private final int outputChars;

    /**
     * Creates a runner.
     *
     * @param shell bash and setsid
     * @param sandbox where commands run
     * @param killGrace between SIGTERM and SIGKILL
     * @param outputChars how many characters of each stream to keep
     */
    CommandRunner(Shell shell, ProcessSandbox sandbox, Duration killGrace, int outputChars) {
        this.shell = shell;
        this.sandbox = sandbox;
        this.confined = sandbox.status().confines();
        this.tree = new ProcessTree(shell, killGrace, confined);
        this.outputChars = outputChars;
    }

    /**
     * Runs a command. When the calling thread is interrupted the command is killed and the interrupt status is set
     * again before this returns.
     *
     * @param command the bash command text
     * @param workspace the working directory
     * @param environment the complete environment of the command
     * @param timeout the command's own time limit
     * @param deadline the host's deadline for the call; the earlier of the two applies
     * @return what happened
     * @throws IOException when bash cannot be started
     * @throws SandboxRefusedException when the sandbox is required and not available
     */
    Execution run(String command, Path workspace, Map<String, String> environment, Duration timeout,
            Instant deadline) throws IOException, SandboxRefusedException {
        // in the sandbox, bwrap gives the command a session of its own and ends the rest with it: no setsid
        List<String> line = confined ? shell.bashLine(command) : shell.commandLine(command);
        ProcessBuilder builder = new ProcessBuilder(sandbox.confine(new SandboxCommand(line, workspace, true)))
                .directory(workspace.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process = sandbox.start(builder);
        boolean supervised = false;
        try {
            Execution execution = supervise(process, started, timeout, deadline);
            supervised = true;
            return execution;
        } finally {
            if (!supervised) { // an unexpected exception: leave nothing running
                tree.kill(process);
            }
        }
    }

    private Execution supervise(Process process, long started, Duration timeout, Instant deadline) {
        OutputPump stdout = OutputPump.start(process.getInputStream(), outputChars, "bash-stdout-" + process.pid());
        OutputPump stderr = OutputPump.start(process.getErrorStream(), outputChars, "bash-stderr-" + process.pid());
        long timeoutNanos = timeout.toNanos();
        long deadlineNanos = Math.max(0, Duration.between(Instant.now(), deadline).toNanos());
        Execution.Ending ending;
        boolean exited = false;
        boolean interrupted = false;
        try {
            exited = process.waitFor(Math.min(timeoutNanos, deadlineNanos), TimeUnit.NANOSECONDS);
            if (exited) {
                ending = new Execution.Ending.Exited(process.exitValue());
            } else if (deadlineNanos < timeoutNanos) {
                ending = new Execution.Ending.DeadlinePassed(since(started));
            } else {
                ending = new Execution.Ending.TimedOut(timeout);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            ending = new Execution.Ending.Interrupted(since(started));
        }

        // from here on the interrupt status stays clear, so that the cleanup can wait; it is set again at the end
        Execution.Leftovers leftovers = Execution.Leftovers.NONE;
        boolean killed = !exited;
        if (killed) {
            tree.kill(process);
        } else if (!awaitOutput(stdout, stderr, Duration.ofMillis(DRAIN_MILLIS))) {
            interrupted |= Thread.interrupted();
            tree.killGroup(process, timeoutLeft -> awaitOutput(stdout, stderr, timeoutLeft));
            leftovers = Execution.Leftovers.KILLED;
            killed = true;
        }
        interrupted |= Thread.interrupted();
        // a kill ends the output unless something escaped it; do not wait long for that
        if (killed && !awaitOutput(stdout, stderr, AFTER_KILL)) {
            leftovers = Execution.Leftovers.ESCAPED;
        }
        interrupted |= Thread.interrupted();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new Execution(stdout.buffer().text(), stderr.buffer().text(), ending, leftovers);
    }

    /** Waits for both streams to end; an interrupt counts as not ended and keeps the interrupt status. */
    private static boolean awaitOutput(OutputPump stdout, OutputPump stderr, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            return stdout.awaitEnd(timeout)
                    && stderr.awaitEnd(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
