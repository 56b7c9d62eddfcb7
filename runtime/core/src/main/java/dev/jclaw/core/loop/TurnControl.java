package dev.jclaw.core.loop;

import dev.jclaw.core.event.TurnFailure;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a running turn: by a person ({@link #abort()}), or by its watchdog when the whole turn or the gap between
 * two model chunks runs over. Stopping interrupts the turn's thread, which ends the model stream and the running
 * tool calls; the reason says which of the three it was.
 */
public final class TurnControl implements AutoCloseable {
    private final Thread turnThread;
    private final AtomicReference<TurnFailure> stopReason = new AtomicReference<>();
    private volatile String stopMessage = "";
    private final long turnDeadline;
    private final long idleNanos;
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean streaming;
    private volatile boolean closed;
    private final Thread watchdog;

    TurnControl(Thread turnThread, Duration turnTimeout, Duration idleTimeout) {
        this.turnThread = turnThread;
        this.turnDeadline = System.nanoTime() + turnTimeout.toNanos();
        this.idleNanos = idleTimeout.toNanos();
        this.watchdog = Thread.ofVirtual().name("turn-watchdog").start(this::watch);
    }

    /** Aborts the turn: the partial answer is kept and marked, running tools are interrupted. */
    public void abort() {
        stop(TurnFailure.ABORTED, "the turn was aborted");
    }

    /** @return why the turn was stopped: {@code ABORTED} or {@code TIMEOUT}, or null while it was not */
    TurnFailure stopReason() {
        return stopReason.get();
    }

    /** @return one sentence on why the turn was stopped */
    String stopMessage() {
        return stopMessage;
    }

    /** Marks the start of a model stream: from now on the idle gap counts. */
    void streaming(boolean on) {
        lastActivity = System.nanoTime();
        streaming = on;
        if (on) {
            LockSupport.unpark(watchdog);
        }
    }

    /** A chunk arrived. */
    void touch() {
        lastActivity = System.nanoTime();
    }

    private void stop(TurnFailure reason, String message) {
        if (!closed && stopReason.compareAndSet(null, reason)) {
            stopMessage = message;
            turnThread.interrupt();
        }
    }

    private void watch() {
        while (!closed && stopReason.get() == null) {
            long now = System.nanoTime();
            if (now - turnDeadline >= 0) {
                stop(TurnFailure.TIMEOUT, "the turn ran out of time");
                return;
            }
            if (streaming && now - lastActivity >= idleNanos) {
                stop(TurnFailure.TIMEOUT, "the model sent nothing for " + idleNanos / 1_000_000_000L + " s");
                return;
            }
            long until = turnDeadline - now;
            if (streaming) {
                until = Math.min(until, lastActivity + idleNanos - now);
            }
            LockSupport.parkNanos(this, Math.max(1_000_000, until));
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(watchdog);
    }
}
