package dev.jclaw.core.task;

/** Where a task is in its life. */
public enum TaskState {
    /** Waiting for a free slot in its category. */
    QUEUED,
    /** Running on its thread. */
    RUNNING,
    /** Returned normally. */
    SUCCEEDED,
    /** Threw; {@link TaskInfo#error()} says what. */
    FAILED,
    /** Cancelled before it started, or stopped after a cancellation. */
    CANCELLED;

    /** @return whether the task is over */
    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
