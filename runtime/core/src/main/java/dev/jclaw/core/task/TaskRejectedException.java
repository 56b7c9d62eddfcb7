package dev.jclaw.core.task;

/** A task the {@link TaskManager} would not take: too many live tasks, or it is shutting down. */
public final class TaskRejectedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why, e.g. naming the limit */
    public TaskRejectedException(String message) {
        super(message);
    }
}
