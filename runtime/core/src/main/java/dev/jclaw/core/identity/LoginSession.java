package dev.jclaw.core.identity;

import dev.jclaw.api.gateway.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A login: what {@code POST /api/auth/login} hands out, kept as the hash of its token.
 *
 * @param hash the token's hash
 * @param user whom it authenticates
 * @param created when it was issued
 * @param expires when it stops working
 * @param revoked when it was revoked (logout, password change, user removed), empty while valid
 */
public record LoginSession(TokenHash hash, UserId user, Instant created, Instant expires, Optional<Instant> revoked) {
    /** Checks the fields. */
    public LoginSession {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(revoked, "revoked");
        if (expires.isBefore(created)) {
            throw new IllegalArgumentException("a session cannot expire before it is created");
        }
    }

    /**
     * Returns whether the session has expired.
     *
     * @param now the time
     * @return whether {@code now} is at or after the expiry
     */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expires);
    }
}
