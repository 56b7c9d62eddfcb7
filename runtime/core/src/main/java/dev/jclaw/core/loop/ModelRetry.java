package dev.jclaw.core.loop;

import dev.jclaw.core.model.ModelException;
import java.time.Duration;

/**
 * Retries a model request that failed for a passing reason (rate limit, server error, network, timeout) — only
 * before any of its answer was shown, so a user never sees text twice. Waits grow exponentially, and a
 * {@code Retry-After} from the provider is honoured when it fits the cap.
 *
 * @param maxAttempts attempts in all, the first included
 * @param firstDelay the wait before the second attempt
 * @param maxDelay the longest single wait
 */
public record ModelRetry(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    /** The default: 4 attempts, 1 s, 2 s, 4 s, at most 30 s each. */
    public static final ModelRetry DEFAULT = new ModelRetry(4, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Checks the fields. */
    public ModelRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * Decides whether to try again and how long to wait first.
     *
     * @param e the failure
     * @param attempt the attempt that failed, from 1
     * @param streamedAnything whether any of the answer reached the user
     * @return the wait, or {@code null} to give up
     */
    public Duration delay(ModelException e, int attempt, boolean streamedAnything) {
        if (!e.retryable() || streamedAnything || attempt >= maxAttempts) {
            return null;
        }
        Duration backoff = firstDelay.multipliedBy(1L << Math.min(20, attempt - 1));
        Duration wait = e.retryAfter().filter(d -> !d.isNegative()).orElse(backoff);
        return wait.compareTo(maxDelay) > 0 ? null : wait;
    }
}
