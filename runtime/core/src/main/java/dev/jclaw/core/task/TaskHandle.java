package dev.jclaw.core.task;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The submitter's hold on a task: its id, a fresh snapshot, cancellation and waiting. Safe for concurrent use.
 */
public final class TaskHandle {
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;
    private final TaskManager manager;
    private final Task task;

    TaskHandle(TaskManager manager, Task task) {
        this.manager = manager;
        this.task = task;
    }

    /** @return the task's id */
    public TaskId id() {
        return task.id;
    }

    /** @return the task as it is now */
    public TaskInfo info() {
        return manager.info(task);
    }

    /**
     * Cancels the task, whoever owns it: the submitter may always cancel its own work.
     *
     * @return what came of it
     */
    public CancelResult cancel() {
        return manager.cancel(task);
    }

    /**
     * Waits for the task to be over.
     *
     * @param timeout the longest wait
     * @return whether it is over
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean await(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long nanos = timeout.compareTo(Duration.ofNanos(FOREVER_NANOS)) > 0 ? FOREVER_NANOS
                : Math.max(0, timeout.toNanos());
        return task.done.await(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public String toString() {
        return task.id + " " + task.spec.name();
    }
}
