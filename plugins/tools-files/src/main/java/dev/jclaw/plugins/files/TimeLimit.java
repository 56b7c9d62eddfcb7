package dev.jclaw.plugins.files;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a search may run: its own cap, or less when the host's deadline for the call comes sooner, so the
 * search stops itself and reports what it found instead of being cut off by the host with nothing.
 *
 * @param endNanos the {@link System#nanoTime()} at which the time is up
 * @param seconds the time allowed, for messages
 */
record TimeLimit(long endNanos, long seconds) {

    /** Stop this long before the host's deadline, to leave time to answer. */
    static final Duration MARGIN = Duration.ofSeconds(2);

    /**
     * Starts a time limit now.
     *
     * @param cap the longest the search may take
     * @param hostDeadline when the host stops waiting for the call
     * @return the limit
     */
    static TimeLimit startingNow(Duration cap, Instant hostDeadline) {
        Duration untilHost = Duration.between(Instant.now(), hostDeadline).minus(MARGIN);
        Duration allowed = untilHost.compareTo(cap) < 0 ? untilHost : cap;
        if (allowed.isNegative()) {
            allowed = Duration.ZERO;
        }
        return new TimeLimit(System.nanoTime() + allowed.toNanos(), allowed.toSeconds());
    }

    /**
     * Tells whether the time is up.
     *
     * @return whether the time is up
     */
    boolean passed() {
        return System.nanoTime() - endNanos > 0;
    }
}
