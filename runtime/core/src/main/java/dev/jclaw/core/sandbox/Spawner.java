package dev.jclaw.core.sandbox;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts every process from one platform thread that lives as long as the JVM. The kernel sends a parent-death
 * signal ({@code PR_SET_PDEATHSIG}, which bwrap's {@code --die-with-parent} sets) when the <em>thread</em> that forked
 * the process ends, and Java forks on the calling thread: from a virtual thread that is a carrier of the scheduler's
 * pool, which ends when idle, killing a command still running.
 */
final class Spawner {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform()
            .daemon().name("jclaw-process-spawner").unstarted(task));

    private Spawner() {
    }

    /**
     * Starts a process on the spawner thread. An interrupt does not abandon a start under way (the process would be
     * left running unseen): it waits for it and sets the interrupt status again.
     *
     * @param builder the process
     * @return the started process
     * @throws IOException when it cannot be started
     */
    static Process start(ProcessBuilder builder) throws IOException {
        // submit, not execute: a failing start is kept in the future and does not replace the thread
        Future<Process> started = THREAD.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException("cannot start " + builder.command().getFirst() + ": " + e.getCause(),
                            e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
