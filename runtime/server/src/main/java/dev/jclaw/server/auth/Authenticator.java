package dev.jclaw.server.auth;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.core.identity.ApiKey;
import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.core.identity.LoginSession;
import dev.jclaw.core.identity.TokenHash;
import dev.jclaw.core.identity.User;
import dev.jclaw.server.admin.AdminCredentials;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers "who is this?" for an {@code Authorization: Bearer <token>} header:
 *
 * <ul>
 *   <li>{@code jcs_...}, a login session token: known, not revoked, not expired, its user present and enabled;</li>
 *   <li>{@code jck_...}, an API key: known, not revoked, its user present and enabled; its last use is recorded at
 *       most once a minute, so that a busy key does not write on every request;</li>
 *   <li>the bootstrap admin token ({@code admin.token} or the generated one), which keeps working:
 *       {@code Principal(admin, admin = true, tier = auth.admin-tier)}. The running server's local CLI token is
 *       a principal only through {@link #authenticateTerminal}.</li>
 * </ul>
 *
 * <p>Each call reads the user, so disabling or removing a user takes effect on their next request. Thread-safe.
 *
 * <pre>{@code
 * switch (authenticator.authenticate(request.headers().first(AUTHORIZATION))) {
 *     case Authentication.Authenticated a -> serve(a.principal());
 *     case Authentication.Refused r -> answer401(r.failure().message());
 * }
 * }</pre>
 */
public final class Authenticator {
    /** How stale a key's recorded last use may get before a request updates it. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final int MAX_TOKEN = 512;

    private final IdentityStore identity;
    private final AdminCredentials admin;
    private final Tier adminTier;
    private final Clock clock;

    /**
     * Creates the authenticator.
     *
     * @param identity the users and their credentials (may be opened lazily)
     * @param admin the bootstrap admin token
     * @param adminTier the tier ceiling of the bootstrap admin token ({@code auth.admin-tier})
     * @param clock the time, for expiry
     */
    public Authenticator(IdentityStore identity, AdminCredentials admin, Tier adminTier, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.admin = Objects.requireNonNull(admin, "admin");
        this.adminTier = Objects.requireNonNull(adminTier, "adminTier");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Finds who an {@code Authorization} header stands for.
     *
     * @param authorization the header's value, empty when absent
     * @return the principal, or why not
     * @throws dev.jclaw.core.identity.IdentityStoreException when the user database cannot be read
     */
    public Authentication authenticate(Optional<String> authorization) {
        if (authorization.isEmpty()) {
            return refused(AuthFailure.MISSING);
        }
        String header = authorization.get();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refused(AuthFailure.MALFORMED);
        }
        String token = header.substring(7).strip();
        if (token.isEmpty() || token.length() > MAX_TOKEN || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return refused(AuthFailure.MALFORMED);
        }
        // the bootstrap token first: it needs no database, and a configured one may look like anything
        if (admin.access(Optional.of("Bearer " + token)) == AdminCredentials.Access.ADMIN) {
            return new Authentication.Authenticated(new Principal(UserId.ADMIN, true, adminTier),
                    new Authentication.AdminToken());
        }
        return switch (Tokens.kind(token).orElse(null)) {
            case SESSION -> session(Tokens.hash(token));
            case API_KEY -> key(Tokens.hash(token));
            case null -> refused(AuthFailure.UNKNOWN);
        };
    }

    /**
     * Authenticates like {@link #authenticate(Optional)}, and also accepts the local CLI token of
     * {@code data/run/server.json} as the terminal's principal ({@link dev.jclaw.core.approval.Approvals#TERMINAL}:
     * the person at this machine's terminal, as in-process {@code jclaw run}, {@code jclaw chat}, {@code jclaw users},
     * {@code jclaw keys} and {@code jclaw audit}, which open the data directory's databases directly when no server
     * runs). The endpoints those commands use call this; the plugin admin API keeps the local token read-only.
     *
     * @param authorization the Authorization header
     * @return the principal, or why it was refused
     */
    public Authentication authenticateTerminal(Optional<String> authorization) {
        if (authorization.isPresent() && admin.access(authorization) == AdminCredentials.Access.LOCAL_CLI) {
            return new Authentication.Authenticated(dev.jclaw.core.approval.Approvals.TERMINAL,
                    new Authentication.Local());
        }
        return authenticate(authorization);
    }

    private Authentication session(TokenHash hash) {
        Optional<LoginSession> found = identity.credentials().session(hash);
        if (found.isEmpty() || !Tokens.same(found.get().hash(), hash)) {
            return refused(AuthFailure.UNKNOWN);
        }
        LoginSession session = found.get();
        if (session.revoked().isPresent()) {
            return refused(AuthFailure.REVOKED);
        }
        if (session.expiredAt(clock.instant())) {
            return refused(AuthFailure.EXPIRED);
        }
        return principal(session.user(), new Authentication.Session(hash, session.expires()));
    }

    private Authentication key(TokenHash hash) {
        Optional<ApiKey> found = identity.credentials().keyByHash(hash);
        if (found.isEmpty() || !Tokens.same(found.get().hash(), hash)) {
            return refused(AuthFailure.UNKNOWN);
        }
        ApiKey key = found.get();
        if (key.revoked().isPresent()) {
            return refused(AuthFailure.REVOKED);
        }
        Authentication result = principal(key.user(), new Authentication.Key(key.id()));
        Instant now = clock.instant();
        if (result instanceof Authentication.Authenticated
                && key.lastUsed().map(last -> last.plus(TOUCH_EVERY).isBefore(now)).orElse(true)) {
            identity.credentials().touchKey(key.id(), now);
        }
        return result;
    }

    private Authentication principal(UserId id, Authentication.Credential credential) {
        Optional<User> user = identity.users().get(id);
        if (user.isEmpty()) {
            return refused(AuthFailure.UNKNOWN);
        }
        if (user.get().disabled()) {
            return refused(AuthFailure.DISABLED);
        }
        return new Authentication.Authenticated(new Principal(id, user.get().admin(), user.get().tier()), credential);
    }

    private static Authentication refused(AuthFailure failure) {
        return new Authentication.Refused(failure);
    }
}
