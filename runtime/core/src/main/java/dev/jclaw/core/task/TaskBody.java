package dev.jclaw.core.task;

/**
 * The work of a task. It runs on its own virtual thread; it should block plainly, report progress now and then, and
 * stop soon after an interruption or once {@link TaskContext#isCancelled()} says so.
 *
 * <pre>{@code
 * TaskBody archive = ctx -> {
 *     for (Conversation c : finished) {
 *         if (ctx.isCancelled()) {
 *             return;
 *         }
 *         ctx.progress("archiving " + c.id());
 *         store.archive(c);
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface TaskBody {
    /**
     * Does the work.
     *
     * @param ctx the task's view of itself
     * @throws Exception when the work fails; the task is then {@link TaskState#FAILED} and the error logged
     */
    void run(TaskContext ctx) throws Exception;
}
