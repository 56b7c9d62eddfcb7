package dev.jclaw.server.auth;

import dev.jclaw.config.AuthConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts failed logins per user name and per client address, and refuses further logins for either past
 * {@code failures} within {@code window}: for 30 seconds (or {@code max-backoff}, when smaller) after the last
 * allowed failure, doubling with each further failure, up to {@code max-backoff}. A success resets both counts; a
 * name or address with no failure for a window starts from zero again.
 *
 * <p>In memory, per process: a restart forgets the counts, and several workers count separately. Bounded: at most
 * {@code capacity} names and addresses are tracked, the least recently seen forgotten first, so that a flood of
 * made-up names or addresses cannot grow memory. Such a flood can push a name's count out; the count of the
 * flooding address stays, as it is the most recently seen. Thread-safe; logins are rare, so one lock is enough.
 */
public final class LoginThrottle {
    /** How many names and addresses are tracked at most, by default. */
    public static final int CAPACITY = 10_000;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);

    private final AuthConfig.LoginThrottle settings;
    private final Clock clock;
    private final Map<String, Count> counts; // guarded by this

    /** One name's or address's failures. */
    private static final class Count {
        int failures;
        Instant last = Instant.EPOCH;
        Instant blockedUntil = Instant.EPOCH;
        boolean reported;
    }

    /**
     * A refusal.
     *
     * @param retryAfter how long until a login may be tried again
     * @param first whether this is the first refusal of this block (the one to audit)
     */
    public record Block(Duration retryAfter, boolean first) {
        /** @return {@link #retryAfter} in whole seconds, rounded up, at least 1: the {@code Retry-After} value */
        public long seconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /**
     * Creates a throttle.
     *
     * @param settings the limits
     * @param clock the time
     * @param capacity how many names and addresses to track at most
     */
    public LoginThrottle(AuthConfig.LoginThrottle settings, Clock clock, int capacity) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.counts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Tells whether a login may be tried now.
     *
     * @param user the name given
     * @param address the client's address
     * @return empty when it may, else how long to wait
     */
    public synchronized Optional<Block> check(String user, String address) {
        Instant now = clock.instant();
        Optional<Block> byUser = blocked(counts.get(userKey(user)), now);
        Optional<Block> byAddress = blocked(counts.get(addressKey(address)), now);
        if (byUser.isEmpty()) {
            return byAddress;
        }
        if (byAddress.isEmpty()) {
            return byUser;
        }
        Duration longer = byUser.get().retryAfter().compareTo(byAddress.get().retryAfter()) >= 0
                ? byUser.get().retryAfter() : byAddress.get().retryAfter();
        return Optional.of(new Block(longer, byUser.get().first() || byAddress.get().first()));
    }

    private static Optional<Block> blocked(Count count, Instant now) {
        if (count == null || !now.isBefore(count.blockedUntil)) {
            return Optional.empty();
        }
        boolean first = !count.reported;
        count.reported = true;
        return Optional.of(new Block(Duration.between(now, count.blockedUntil), first));
    }

    /**
     * Counts a failed login.
     *
     * @param user the name given
     * @param address the client's address
     */
    public synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        fail(userKey(user), now);
        fail(addressKey(address), now);
    }

    private void fail(String key, Instant now) {
        Count count = counts.computeIfAbsent(key, k -> new Count());
        if (count.last.plus(settings.window()).isBefore(now)) {
            count.failures = 0;
        }
        count.failures++;
        count.last = now;
        int over = count.failures - settings.failures();
        if (over >= 0) {
            Duration first = FIRST_BACKOFF.compareTo(settings.maxBackoff()) < 0 ? FIRST_BACKOFF : settings.maxBackoff();
            Duration backoff = over >= 20 ? settings.maxBackoff() : first.multipliedBy(1L << over);
            count.blockedUntil = now.plus(backoff.compareTo(settings.maxBackoff()) < 0 ? backoff
                    : settings.maxBackoff());
            count.reported = false;
        }
    }

    /**
     * Forgets the failures of a name and an address after a successful login.
     *
     * @param user the name
     * @param address the client's address
     */
    public synchronized void succeeded(String user, String address) {
        counts.remove(userKey(user));
        counts.remove(addressKey(address));
    }

    /** @return how many names and addresses are tracked now */
    public synchronized int tracked() {
        return counts.size();
    }

    private static String userKey(String user) {
        return "u:" + user;
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }
}
