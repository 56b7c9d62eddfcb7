package dev.jclaw.server.auth;

import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.core.identity.LoginSession;
import dev.jclaw.core.identity.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Logging in and out. A login is checked against the throttle first (a throttled attempt costs no hash), then the
 * password is verified — against a dummy hash when there is no such user, so that the answer takes as long and says
 * the same as for a wrong password. Every outcome is audited; a throttled name or address once per back-off.
 */
public final class Logins {
    /** How long an expired session is kept, so that using it says "expired" rather than "not valid". */
    static final Duration KEEP_EXPIRED = Duration.ofDays(7);
    private final IdentityStore identity;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Duration ttl;
    private final Clock clock;

    /** What a login attempt came to. */
    public sealed interface Result {
    }

    /**
     * Logged in.
     *
     * @param token the session token, shown once
     * @param expires when it stops working
     * @param user the user
     */
    public record Ok(String token, Instant expires, User user) implements Result {
        /** Leaves the token out. */
        @Override
        public String toString() {
            return "Ok[user=" + user.id() + ", expires=" + expires + "]";
        }
    }

    /**
     * Refused: a wrong password, an unknown name (the same answer), or a disabled user (said only after the right
     * password).
     *
     * @param disabled whether the password was right and the user is disabled
     */
    public record Refused(boolean disabled) implements Result {
    }

    /**
     * Refused without checking: too many recent failures for this name or from this address.
     *
     * @param retryAfterSeconds when to try again
     */
    public record Throttled(long retryAfterSeconds) implements Result {
    }

    /**
     * @param identity the stores
     * @param passwords the password hasher
     * @param throttle the failure counts
     * @param ttl how long a session token works
     * @param clock the time
     */
    public Logins(IdentityStore identity, Passwords passwords, LoginThrottle throttle, Duration ttl, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Tries a login.
     *
     * @param id the name given
     * @param password the password given
     * @param address the client's address
     * @param channel where from, e.g. {@code http}
     * @return the outcome
     */
    public Result login(UserId id, String password, String address, String channel) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Optional<LoginThrottle.Block> block = throttle.check(id.value(), address);
        if (block.isPresent()) {
            if (block.get().first()) {
                audit(now, AuditKind.LOGIN_THROTTLED, id, address, channel, JsonObject.builder()
                        .put("retry_after_seconds", block.get().seconds()).build());
            }
            return new Throttled(block.get().seconds());
        }
        Optional<User> user = identity.users().get(id);
        boolean right;
        if (user.isPresent()) {
            right = passwords.verify(password, user.get().passwordHash());
        } else {
            passwords.verifyNobody(password);
            right = false;
        }
        if (!right) {
            throttle.failed(id.value(), address);
            audit(now, AuditKind.LOGIN_FAILED, id, address, channel, JsonObject.builder()
                    .put("reason", user.isPresent() ? "wrong password" : "no such user").build());
            return new Refused(false);
        }
        if (user.get().disabled()) {
            audit(now, AuditKind.LOGIN_FAILED, id, address, channel, JsonObject.builder()
                    .put("reason", "user disabled").build());
            return new Refused(true);
        }
        throttle.succeeded(id.value(), address);
        String token = Tokens.issue(Tokens.Kind.SESSION);
        Instant expires = now.plus(ttl);
        identity.credentials().purgeExpired(now.minus(KEEP_EXPIRED));
        identity.credentials().addSession(new LoginSession(Tokens.hash(token), id, now, expires, Optional.empty()));
        audit(now, AuditKind.LOGIN_OK, id, address, channel, JsonObject.builder()
                .put("expires_at", expires.toString()).build());
        return new Ok(token, expires, user.get());
    }

    /**
     * Ends a login session.
     *
     * @param session the session the request came with
     * @param user whose it is
     * @param address the client's address
     * @param channel where from
     * @return whether it was still valid
     */
    public boolean logout(Authentication.Session session, UserId user, String address, String channel) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        boolean revoked = identity.credentials().revokeSession(session.hash(), now);
        if (revoked) {
            audit(now, AuditKind.LOGOUT, user, address, channel, JsonObject.EMPTY);
        }
        return revoked;
    }

    private void audit(Instant now, AuditKind kind, UserId user, String address, String channel, JsonObject detail) {
        identity.audit().append(AuditEntry.of(now, kind, user.value(), channel).address(address).detail(detail));
    }
}
