package dev.jclaw.core.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * One task's mutable state. State, times and thread are written only under the manager's lock; progress, error and
 * the cancellation flag may be written by the task's own thread at any time.
 */
final class Task implements TaskContext {
    /** How a task's thread runs it: the body once, or a schedule of runs. */
    @FunctionalInterface
    interface Runner {
        void run(Task task) throws Exception;
    }

    final TaskId id;
    final long sequence;
    final TaskSpec spec;
    final Instant submitted;
    final Runner runner;
    /** Whether the category's concurrency limit applies: periodic tasks, idle most of the time, bypass it. */
    final boolean limited;
    final CountDownLatch done = new CountDownLatch(1);
    volatile TaskState state = TaskState.QUEUED;
    Instant started;
    Instant finished;
    Thread thread;
    private volatile boolean cancelled;
    private volatile String progress = "";
    private volatile String error = "";

    Task(long sequence, TaskSpec spec, Instant submitted, Runner runner, boolean limited) {
        this.id = TaskId.of(sequence);
        this.sequence = sequence;
        this.spec = spec;
        this.submitted = submitted;
        this.runner = runner;
        this.limited = limited;
    }

    @Override
    public TaskId id() {
        return id;
    }

    @Override
    public void progress(String line) {
        Objects.requireNonNull(line, "line");
        if (!state.isFinished()) {
            progress = Lines.oneLine(line, TaskInfo.MAX_LINE);
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    void markCancelled() {
        cancelled = true;
    }

    /** Keeps what failed, on one line: {@code IOException: disk full}. */
    void failed(Throwable t) {
        String message = t.getMessage();
        String text = t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
        error = Lines.oneLine(text, TaskInfo.MAX_LINE);
    }

    /** A snapshot; call it under the manager's lock so that state and times agree. */
    TaskInfo info() {
        return new TaskInfo(id, spec, state, submitted, Optional.ofNullable(started), Optional.ofNullable(finished),
                progress, error);
    }
}
