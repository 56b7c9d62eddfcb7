package dev.jclaw.core.task;

/** What a running task may tell and ask about itself. Safe to use from the task's own thread and any other. */
public interface TaskContext {
    /** @return the task's id */
    TaskId id();

    /**
     * Sets the task's progress line, shown in {@code /tasks}; it is made one printable line of at most
     * {@value TaskInfo#MAX_LINE} characters. Ignored once the task is over.
     *
     * @param line what the task is doing now
     */
    void progress(String line);

    /** @return whether the task was cancelled or cut at shutdown, and should stop */
    boolean isCancelled();
}
