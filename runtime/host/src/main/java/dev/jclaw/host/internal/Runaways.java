package dev.jclaw.host.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plugin threads that overran their deadline and were still running after they were interrupted. Java cannot stop
 * such a thread, so the host only reports it: by name in the plugin's error and the log, and as a count for the
 * metrics. A thread leaves the count when it ends at last.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class Runaways {
    /** How long an interrupted thread gets to end before it counts as a runaway. */
    static final Duration GRACE = Duration.ofMillis(250);

    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    /** Creates an empty set. */
    public Runaways() {
    }

    /**
     * Waits briefly for an interrupted thread to end, and counts it when it does not.
     *
     * @param thread the interrupted thread
     * @return whether it is still running, i.e. counted
     */
    boolean checkAfterInterrupt(Thread thread) {
        try {
            if (thread.join(GRACE)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.add(thread);
        return true;
    }

    /** @return how many runaway threads are still running */
    public int count() {
        threads.removeIf(t -> !t.isAlive());
        return threads.size();
    }

    /** @return the names of the runaway threads still running, sorted */
    public List<String> names() {
        threads.removeIf(t -> !t.isAlive());
        return threads.stream().map(Thread::getName).sorted().toList();
    }
}
