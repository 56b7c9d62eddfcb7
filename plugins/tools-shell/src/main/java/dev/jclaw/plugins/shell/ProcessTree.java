package dev.jclaw.plugins.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ends a command and everything it started: SIGTERM to its process group and to each of its descendants outside
 * the group (every process gets one, so a trap runs once), a grace period for them to clean up, then SIGKILL to the
 * group and to whatever is left.
 *
 * <p>The group reaches processes that left the tree (a background job whose parent exited); the descendants, found
 * through {@link ProcessHandle#descendants()}, reach processes that left the group ({@code setsid cmd &}) and are
 * all there is when {@link Shell#ownProcessGroup()} is false. A process that leaves both escapes.
 *
 * <p>Group signals go through bash's {@code kill} builtin, as Java has no way to signal a process group.
 *
 * <p>In the sandbox the command is bwrap, whose child is the PID 1 of the sandbox's PID namespace: every process the
 * command started stays its descendant, and all of them die with that PID 1. So SIGTERM goes to each descendant but
 * the sandbox's own two bwrap processes (bwrap dies of SIGTERM at once, taking the others with it without a chance
 * to clean up), and SIGKILL to bwrap ends the rest; nothing escapes.
 */
final class ProcessTree {

    private static final Duration POLL = Duration.ofMillis(10);
    private static final long SIGNAL_WAIT_SECONDS = 5;

    private final Shell shell;
    private final Duration grace;
    private final boolean sandboxed;

    /**
     * Creates the killer.
     *
     * @param shell where bash is and whether commands lead their own process group
     * @param grace between SIGTERM and SIGKILL
     * @param sandboxed whether commands run in bwrap with a PID namespace of their own
     */
    ProcessTree(Shell shell, Duration grace, boolean sandboxed) {
        this.shell = shell;
        this.grace = grace;
        this.sandboxed = sandboxed;
    }

    /**
     * Ends a running command and its tree, returning once the command and its descendants have ended (or, should
     * SIGKILL not take, after a few more seconds). An interrupt during the grace period cuts it short and goes
     * straight to SIGKILL; the interrupt status is kept.
     *
     * @param process the command's process (bash, or setsid that became bash)
     */
    void kill(Process process) {
        if (sandboxed) {
            killSandbox(process);
            return;
        }
        // signalled through its handle: Process.destroy would also close its streams, losing output not yet read
        ProcessHandle command = process.toHandle();
        List<ProcessHandle> tree = process.descendants().toList();
        boolean interrupted = Thread.interrupted();
        // one SIGTERM each: a second one would run a command's trap twice
        signalGroup(process.pid(), "TERM");
        if (!shell.ownProcessGroup()) {
            command.destroy();
        }
        tree.stream().filter(p -> !inGroup(p, process.pid())).forEach(ProcessHandle::destroy);
        interrupted |= Thread.interrupted();
        interrupted |= awaitEnd(command, tree, grace);
        signalGroup(process.pid(), "KILL");
        command.destroyForcibly();
        tree.stream().filter(ProcessTree::isRunning).forEach(ProcessHandle::destroyForcibly);
        interrupted |= Thread.interrupted();
        // SIGKILL takes effect asynchronously; once this returns, nothing of the tree runs any more
        interrupted |= awaitEnd(command, tree, Duration.ofSeconds(SIGNAL_WAIT_SECONDS));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends what is left in the process group of a command that has exited: background jobs still holding its
     * output open. SIGTERM, then SIGKILL once the grace period passes without the output ending. Does nothing
     * without a process group of its own. An interrupt cuts the grace period short; the interrupt status is kept.
     *
     * @param process the command's process, which has ended
     * @param outputEnded waits for the command's output to end, which shows that the group is gone
     */
    void killGroup(Process process, OutputEnd outputEnded) {
        if (!shell.ownProcessGroup() || sandboxed) { // a sandbox's processes ended with its command
            return;
        }
        boolean interrupted = Thread.interrupted();
        signalGroup(process.pid(), "TERM");
        interrupted |= Thread.interrupted();
        boolean ended = false;
        if (!interrupted) {
            try {
                ended = outputEnded.await(grace);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (!ended) {
            signalGroup(process.pid(), "KILL");
        }
        if (interrupted || Thread.interrupted()) {
            Thread.currentThread().interrupt();
        }
    }

    private void killSandbox(Process process) {
        ProcessHandle bwrap = process.toHandle();
        List<ProcessHandle> init = process.children().toList();
        List<ProcessHandle> inside = process.descendants().filter(p -> !init.contains(p)).toList();
        boolean interrupted = Thread.interrupted();
        inside.forEach(ProcessHandle::destroy);
        interrupted |= awaitEnd(bwrap, inside, grace);
        // the sandbox's PID 1 dies with bwrap (--die-with-parent), and every process of the namespace with it
        bwrap.destroyForcibly();
        inside.stream().filter(ProcessTree::isRunning).forEach(ProcessHandle::destroyForcibly);
        interrupted |= Thread.interrupted();
        interrupted |= awaitEnd(bwrap, inside, Duration.ofSeconds(SIGNAL_WAIT_SECONDS));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for a command's output to end. */
    @FunctionalInterface
    interface OutputEnd {
        /**
         * Waits.
         *
         * @param timeout how long at most
         * @return whether the output ended
         * @throws InterruptedException when the waiting thread is interrupted
         */
        boolean await(Duration timeout) throws InterruptedException;
    }

    /**
     * Tells whether a process still runs; a zombie, dead but not yet reaped by its parent (commonly PID 1 in a
     * container without an init), does not.
     *
     * @param process the process
     * @return whether it runs
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        String[] stat = stat(process);
        return stat.length == 0 ? process.isAlive() : !stat[0].equals("Z") && !stat[0].equals("X");
    }

    /** Whether a process is in the command's own group, which {@link #signalGroup} reaches. */
    private boolean inGroup(ProcessHandle process, long pgid) {
        String[] stat = stat(process);
        return shell.ownProcessGroup() && stat.length > 2 && stat[2].equals(Long.toString(pgid));
    }

    /** The fields of {@code /proc/PID/stat} after the command name: state, ppid, pgrp, …; none without /proc. */
    private static String[] stat(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 1).strip().split(" ");
        } catch (IOException | RuntimeException e) {
            return new String[0]; // no /proc, or the process is gone
        }
    }

    /** Waits for the tree to end; returns whether the wait was interrupted. */
    private static boolean awaitEnd(ProcessHandle process, List<ProcessHandle> tree, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (isRunning(process) || tree.stream().anyMatch(ProcessTree::isRunning)) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                return true;
            }
        }
        return false;
    }

    private void signalGroup(long pgid, String signal) {
        if (!shell.ownProcessGroup()) {
            return;
        }
        try {
            // the command leads its group (setsid made it a session leader), so the group id is its pid
            Process kill = new ProcessBuilder(shell.bash().toString(), "-c", "kill -s " + signal + " -- -" + pgid)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(SIGNAL_WAIT_SECONDS, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            // cannot spawn: the per-process signals still reach the tree
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the callers look at the flag and go on to SIGKILL
        }
    }
}
