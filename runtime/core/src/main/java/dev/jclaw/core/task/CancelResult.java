package dev.jclaw.core.task;

import java.util.Locale;

/** What came of {@link TaskManager#cancel(TaskId, TaskOwner)}, with a sentence for the user. */
public sealed interface CancelResult {
    /** @return one sentence saying what happened, fit for {@code /tasks} */
    String message();

    /**
     * The task was cancelled: a queued one is over at once, a running one was interrupted and ends when its body
     * returns.
     *
     * @param info the task right after the cancellation
     */
    record Cancelled(TaskInfo info) implements CancelResult {
        @Override
        public String message() {
            return info.state() == TaskState.CANCELLED ? "cancelled " + info.id() + " (" + info.name() + ")"
                    : "asked " + info.id() + " (" + info.name() + ") to stop";
        }
    }

    /**
     * The task was over already.
     *
     * @param info the finished task
     */
    record AlreadyFinished(TaskInfo info) implements CancelResult {
        @Override
        public String message() {
            return info.id() + " (" + info.name() + ") is already over: "
                    + info.state().name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * No such task, or one so old it left the history.
     *
     * @param id the id asked for
     */
    record NotFound(TaskId id) implements CancelResult {
        @Override
        public String message() {
            return "no task " + id;
        }
    }

    /**
     * The task belongs to someone else, who alone may cancel it; who is not said.
     *
     * @param id the id asked for
     */
    record NotOwner(TaskId id) implements CancelResult {
        @Override
        public String message() {
            return "task " + id + " is not yours to cancel";
        }
    }
}
