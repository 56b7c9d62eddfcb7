package dev.jclaw.core.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which audit entries to read.
 *
 * @param user only entries whose actor or subject is this name
 * @param kind only entries of this kind
 * @param since only entries at or after this time
 * @param limit the most entries returned, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(Optional<String> user, Optional<AuditKind> kind, Optional<Instant> since, int limit) {
    /** The most entries one query returns. */
    public static final int MAX_LIMIT = 10_000;
    /** The number of entries returned when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;

    /** Checks the fields. */
    public AuditQuery {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(since, "since");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", got " + limit);
        }
    }

    /** @return the newest {@link #DEFAULT_LIMIT} entries of any kind */
    public static AuditQuery latest() {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), DEFAULT_LIMIT);
    }
}
