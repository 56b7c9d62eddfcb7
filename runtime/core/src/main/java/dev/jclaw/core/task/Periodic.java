package dev.jclaw.core.task;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A task's schedule of runs: the body at once, then again a period after each run ends, until the task is
 * cancelled or the manager shuts down. A failing run is logged and kept as the task's error; the next run happens
 * all the same.
 */
final class Periodic implements Task.Runner {
    private static final System.Logger LOG = System.getLogger(TaskManager.class.getName());
    private final TaskBody body;
    private final long periodNanos;
    private final CountDownLatch stopping;

    Periodic(TaskBody body, Duration period, CountDownLatch stopping) {
        this.body = body;
        this.periodNanos = period.compareTo(Duration.ofDays(36_500)) > 0 ? Duration.ofDays(36_500).toNanos()
                : period.toNanos();
        this.stopping = stopping;
    }

    @Override
    public void run(Task task) throws InterruptedException {
        while (!task.isCancelled()) {
            try {
                body.run(task);
            } catch (Exception e) {
                if (task.isCancelled()) {
                    return;
                }
                // an interruption the body caused itself must not end the schedule
                Thread.interrupted();
                task.failed(e);
                LOG.log(Level.WARNING, () -> "periodic task '" + task.spec.name() + "' (" + task.id + ", owner "
                        + task.spec.owner() + ") failed: " + e, e);
            }
            if (stopping.await(periodNanos, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }
}
