package dev.jclaw.core.task;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A task as it was when this snapshot was taken.
 *
 * @param id its id
 * @param spec its name, category and owner
 * @param state where it is in its life
 * @param submitted when it was submitted
 * @param started when its thread started; empty while queued, and for a task cancelled before it started
 * @param finished when it ended; empty while it is not over
 * @param progress its last progress line; empty text before the first
 * @param error what failed, on one line: the error of a failed task, or the last failed run of a periodic one;
 *     empty text otherwise
 */
public record TaskInfo(TaskId id, TaskSpec spec, TaskState state, Instant submitted, Optional<Instant> started,
                       Optional<Instant> finished, String progress, String error) {
    /** The longest progress line or error, in characters. */
    public static final int MAX_LINE = 200;

    /** Checks that nothing is missing. */
    public TaskInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(submitted, "submitted");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(error, "error");
    }

    /** @return the task's name */
    public String name() {
        return spec.name();
    }

    /** @return the task's category */
    public TaskCategory category() {
        return spec.category();
    }

    /** @return the task's owner */
    public TaskOwner owner() {
        return spec.owner();
    }
}
