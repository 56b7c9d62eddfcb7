package dev.jclaw.core.task;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** Settings of a {@link TaskManager}. */
public final class TaskManagerBuilder {
    int maxLive = 256;
    int history = 100;
    final Map<TaskCategory, Integer> limits = new HashMap<>();
    Clock clock = Clock.systemUTC();
    Duration closeGrace = Duration.ofSeconds(10);
    Duration cutWait = Duration.ofSeconds(1);

    TaskManagerBuilder() {
    }

    /** @param n the most tasks live (queued or running) at once, 1 to 100,000; 256 by default @return this */
    public TaskManagerBuilder maxLive(int n) {
        this.maxLive = within("maxLive", n, 1, 100_000);
        return this;
    }

    /** @param n how many finished tasks to keep for listing, 0 to 10,000; 100 by default @return this */
    public TaskManagerBuilder history(int n) {
        this.history = within("history", n, 0, 10_000);
        return this;
    }

    /**
     * Limits how many tasks of a category run at once; the others wait in submission order.
     *
     * @param category the category
     * @param running the most running at once, 1 to 100,000
     * @return this
     */
    public TaskManagerBuilder limit(TaskCategory category, int running) {
        limits.put(Objects.requireNonNull(category, "category"), within("limit", running, 1, 100_000));
        return this;
    }

    /** @param clock the clock for submitted, started and finished times @return this */
    public TaskManagerBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** @param grace the grace period of {@link TaskManager#close()}; 10 s by default @return this */
    public TaskManagerBuilder closeGrace(Duration grace) {
        this.closeGrace = nonNegative("closeGrace", grace);
        return this;
    }

    /** @param wait how long a shutdown waits for interrupted tasks to end; 1 s by default @return this */
    public TaskManagerBuilder cutWait(Duration wait) {
        this.cutWait = nonNegative("cutWait", wait);
        return this;
    }

    /** @return the manager, ready for tasks */
    public TaskManager build() {
        return new TaskManager(this);
    }

    private static int within(String what, int n, int min, int max) {
        if (n < min || n > max) {
            throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private static Duration nonNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + d);
        }
        return d;
    }
}
