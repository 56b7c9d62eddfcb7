package dev.jclaw.core.task;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Runs the work that happens outside a turn — archiving, extraction, the curator, MCP supervisors — each task on its
 * own virtual thread, named, categorised and owned.
 *
 * <ul>
 *   <li>At most {@link TaskManagerBuilder#maxLive} tasks are live (queued or running) at once; past that
 *   {@link #submit} throws a {@link TaskRejectedException} naming the limit. A category may have a concurrency
 *   limit ({@link TaskManagerBuilder#limit}); its tasks past the limit wait {@link TaskState#QUEUED} and start in
 *   submission order.</li>
 *   <li>{@link #list(TaskOwner)} shows an owner its live tasks and its recent finished ones (the last
 *   {@link TaskManagerBuilder#history} finished tasks of all owners are kept), newest first; {@link #cancel}
 *   cancels only the owner's own tasks, by interrupting the thread (a queued task is removed at once).</li>
 *   <li>A failing task is logged (name, owner, error) and listed {@link TaskState#FAILED}; nothing is thrown at the
 *   submitter.</li>
 *   <li>{@link #shutdown(Duration)} takes no more tasks, drops the queued ones, lets the running ones finish within
 *   the grace period, then interrupts the rest and reports what it cut.</li>
 * </ul>
 *
 * <pre>{@code
 * try (TaskManager tasks = TaskManager.builder().limit(TaskCategory.EXTRACTION, 2).build()) {
 *     TaskHandle h = tasks.submit(new TaskSpec("extract cli:alice", TaskCategory.EXTRACTION,
 *             new TaskOwner("cli:alice")), ctx -> extractor.run(ctx));
 *     tasks.every(new TaskSpec("curator", TaskCategory.CURATOR, TaskOwner.SYSTEM), Duration.ofHours(1),
 *             ctx -> curator.pass());
 *     tasks.list(new TaskOwner("cli:alice"));   // what /tasks shows alice
 * }
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class TaskManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TaskManager.class.getName());
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    private final int maxLive;
    private final int historySize;
    private final Map<TaskCategory, Integer> limits;
    private final Clock clock;
    private final Duration closeGrace;
    private final Duration cutWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ended = lock.newCondition();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Object shutdownOnce = new Object();
    // all below guarded by lock
    private final Map<TaskId, Task> live = new LinkedHashMap<>();
    private final Map<TaskCategory, ArrayDeque<Task>> queues = new HashMap<>();
    private final Map<TaskCategory, Integer> running = new HashMap<>();
    private final ArrayDeque<Task> history = new ArrayDeque<>();
    private long sequence;
    private boolean accepting = true;
    private ShutdownReport report; // guarded by shutdownOnce

    TaskManager(TaskManagerBuilder b) {
        this.maxLive = b.maxLive;
        this.historySize = b.history;
        this.limits = Map.copyOf(b.limits);
        this.clock = b.clock;
        this.closeGrace = b.closeGrace;
        this.cutWait = b.cutWait;
    }

    /** @return a builder with the defaults: 256 live tasks, 100 finished ones kept, no category limits */
    public static TaskManagerBuilder builder() {
        return new TaskManagerBuilder();
    }

    /**
     * Starts a task at once, or queues it when its category is at its limit.
     *
     * @param spec name, category and owner
     * @param body the work
     * @return the submitter's handle
     * @throws TaskRejectedException when {@link TaskManagerBuilder#maxLive} tasks are live, or the manager is
     *     shutting down
     */
    public TaskHandle submit(TaskSpec spec, TaskBody body) {
        Objects.requireNonNull(body, "body");
        return admit(spec, task -> body.run(task), true);
    }

    /**
     * Runs a body now and again a period after each run ends, until cancelled or shut down; one task, listed
     * {@link TaskState#RUNNING} between runs. A failing run is logged and kept as the task's error, and the next run
     * happens all the same. Category limits do not apply to it.
     *
     * @param spec name, category and owner
     * @param period the pause between the end of a run and the start of the next; positive
     * @param body one run
     * @return the submitter's handle
     * @throws IllegalArgumentException when the period is not positive
     * @throws TaskRejectedException when {@link TaskManagerBuilder#maxLive} tasks are live, or the manager is
     *     shutting down
     */
    public TaskHandle every(TaskSpec spec, Duration period, TaskBody body) {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(body, "body");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the period of a periodic task must be positive, got " + period);
        }
        return admit(spec, new Periodic(body, period, stopping), false);
    }

    private TaskHandle admit(TaskSpec spec, Task.Runner runner, boolean limited) {
        Objects.requireNonNull(spec, "spec");
        lock.lock();
        try {
            if (!accepting) {
                throw new TaskRejectedException("the task manager is shutting down; task '" + spec.name()
                        + "' was not started");
            }
            if (live.size() >= maxLive) {
                throw new TaskRejectedException("too many background tasks: the limit of " + maxLive
                        + " live tasks is reached; task '" + spec.name() + "' was not started");
            }
            Task task = new Task(++sequence, spec, clock.instant(), runner, limited);
            live.put(task.id, task);
            if (limited && running.getOrDefault(spec.category(), 0) >= limit(spec.category())) {
                queues.computeIfAbsent(spec.category(), c -> new ArrayDeque<>()).addLast(task);
            } else {
                start(task);
            }
            return new TaskHandle(this, task);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Lists one owner's tasks: live ones and the recent finished ones still in the history, newest first.
     *
     * @param owner whose tasks
     * @return snapshots
     */
    public List<TaskInfo> list(TaskOwner owner) {
        Objects.requireNonNull(owner, "owner");
        return snapshot(t -> t.spec.owner().equals(owner));
    }

    /** @return every owner's tasks, live and recent finished, newest first; for admins */
    public List<TaskInfo> listAll() {
        return snapshot(t -> true);
    }

    private List<TaskInfo> snapshot(Predicate<Task> which) {
        lock.lock();
        try {
            List<Task> all = new ArrayList<>(live.values());
            all.addAll(history);
            return all.stream().filter(which).sorted(Comparator.comparingLong((Task t) -> t.sequence).reversed())
                    .map(Task::info).toList();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels an owner's task: a queued one is over at once; a running one is interrupted and ends when its body
     * returns. Another owner's task is refused, not cancelled.
     *
     * @param id the task
     * @param owner who asks
     * @return what came of it; never throws for an unknown, finished or foreign task
     */
    public CancelResult cancel(TaskId id, TaskOwner owner) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        lock.lock();
        try {
            Task task = live.get(id);
            if (task == null) {
                task = history.stream().filter(t -> t.id.equals(id)).findFirst().orElse(null);
            }
            if (task == null) {
                return new CancelResult.NotFound(id);
            }
            if (!task.spec.owner().equals(owner)) {
                return new CancelResult.NotOwner(id);
            }
            return cancel(task);
        } finally {
            lock.unlock();
        }
    }

    CancelResult cancel(Task task) {
        lock.lock();
        try {
            if (task.state.isFinished()) {
                return new CancelResult.AlreadyFinished(task.info());
            }
            task.markCancelled();
            if (task.state == TaskState.QUEUED) {
                queues.get(task.spec.category()).remove(task);
                end(task, TaskState.CANCELLED);
            } else {
                task.thread.interrupt();
            }
            return new CancelResult.Cancelled(task.info());
        } finally {
            lock.unlock();
        }
    }

    TaskInfo info(Task task) {
        lock.lock();
        try {
            return task.info();
        } finally {
            lock.unlock();
        }
    }

    private int limit(TaskCategory category) {
        return limits.getOrDefault(category, Integer.MAX_VALUE);
    }

    /** Under the lock. */
    private void start(Task task) {
        task.state = TaskState.RUNNING;
        task.started = clock.instant();
        if (task.limited) {
            running.merge(task.spec.category(), 1, Integer::sum);
        }
        task.thread = Thread.ofVirtual().name("task-" + task.id).unstarted(() -> execute(task));
        task.thread.start();
    }

    /** On the task's own thread. */
    private void execute(Task task) {
        Throwable failure = null;
        try {
            task.runner.run(task);
        } catch (Throwable t) {
            failure = t;
        }
        TaskState outcome = task.isCancelled() ? TaskState.CANCELLED
                : failure == null ? TaskState.SUCCEEDED : TaskState.FAILED;
        if (outcome == TaskState.FAILED) {
            task.failed(failure);
            Throwable error = failure;
            LOG.log(Level.WARNING, () -> "task '" + task.spec.name() + "' (" + task.id + ", owner " + task.spec.owner()
                    + ") failed: " + error, error);
        }
        lock.lock();
        try {
            end(task, outcome);
        } finally {
            lock.unlock();
        }
        if (failure instanceof VirtualMachineError e) {
            throw e; // recorded and logged, but not swallowed
        }
    }

    /** Under the lock: records the end, frees the category's slot and starts whoever waits for it. */
    private void end(Task task, TaskState outcome) {
        boolean ran = task.state == TaskState.RUNNING;
        task.state = outcome;
        task.finished = clock.instant();
        live.remove(task.id);
        if (historySize > 0) {
            history.addFirst(task);
            while (history.size() > historySize) {
                history.removeLast();
            }
        }
        TaskCategory category = task.spec.category();
        if (ran && task.limited) {
            running.merge(category, -1, Integer::sum);
        }
        ArrayDeque<Task> queue = queues.get(category);
        while (accepting && queue != null && !queue.isEmpty() && running.getOrDefault(category, 0) < limit(category)) {
            start(queue.pollFirst());
        }
        task.done.countDown();
        ended.signalAll();
    }

    /** @return whether {@link #shutdown} has begun, after which no task is taken */
    public boolean isShuttingDown() {
        return stopping.getCount() == 0;
    }

    /**
     * Shuts down: takes no more tasks, drops the queued ones, stops periodic tasks after their current run, waits
     * up to the grace period for running tasks to end, then interrupts the rest and waits a little for them
     * ({@link TaskManagerBuilder#cutWait}). Later calls return the first call's report.
     *
     * @param grace how long running tasks may take to finish on their own
     * @return what finished and what was cut
     */
    public ShutdownReport shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        synchronized (shutdownOnce) {
            if (report == null) {
                report = drain(grace);
                Level level = !report.cut().isEmpty() ? Level.WARNING
                        : report.finished().isEmpty() ? Level.DEBUG : Level.INFO;
                LOG.log(level, () -> "background tasks at shutdown: " + report.summary());
            }
            return report;
        }
    }

    private ShutdownReport drain(Duration grace) {
        long start = System.nanoTime();
        boolean interrupted = false;
        lock.lock();
        try {
            accepting = false;
            stopping.countDown();
            List<Task> cut = new ArrayList<>();
            for (ArrayDeque<Task> queue : queues.values()) {
                cut.addAll(queue);
                queue.clear();
            }
            for (Task task : cut) {
                task.markCancelled();
                end(task, TaskState.CANCELLED);
            }
            List<Task> atStart = List.copyOf(live.values());
            interrupted = awaitEmpty(grace);
            List<Task> left = List.copyOf(live.values());
            for (Task task : left) {
                task.markCancelled();
                task.thread.interrupt();
            }
            cut.addAll(left);
            interrupted |= awaitEmpty(cutWait);
            cut.sort(Comparator.comparingLong(t -> t.sequence));
            return new ShutdownReport(atStart.stream().filter(t -> !left.contains(t)).map(Task::info).toList(),
                    cut.stream().map(Task::info).toList(), Duration.ofNanos(System.nanoTime() - start));
        } finally {
            lock.unlock();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Under the lock. @return whether the wait was interrupted, which ends it early */
    private boolean awaitEmpty(Duration timeout) {
        long left = timeout.compareTo(Duration.ofNanos(FOREVER_NANOS)) > 0 ? FOREVER_NANOS
                : Math.max(0, timeout.toNanos());
        try {
            while (!live.isEmpty() && left > 0) {
                left = ended.awaitNanos(left);
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    /** Shuts down with the builder's {@link TaskManagerBuilder#closeGrace}. */
    @Override
    public void close() {
        shutdown(closeGrace);
    }
}
