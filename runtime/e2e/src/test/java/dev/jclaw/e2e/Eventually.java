package dev.jclaw.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits until a condition holds, polling, instead of sleeping a guessed time. */
final class Eventually {
    private static final Duration POLL = Duration.ofMillis(25);

    private Eventually() {
    }

    /**
     * Waits for a condition.
     *
     * @param timeout how long at most
     * @param condition what to wait for
     * @return whether it held in time
     * @throws InterruptedException when interrupted while waiting
     */
    static boolean holds(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end >= 0) {
                return condition.getAsBoolean();
            }
            Thread.sleep(POLL);
        }
        return true;
    }
}
