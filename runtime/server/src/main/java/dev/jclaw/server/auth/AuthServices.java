package dev.jclaw.server.auth;

import dev.jclaw.config.AuthConfig;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.server.admin.AdminCredentials;
import dev.jclaw.store.jdbc.JdbcIdentity;
import java.time.Clock;

/**
 * The identity layer of a running server, built once from the configuration: the user database (the data
 * directory's H2 file, opened on the first request that needs a user), the {@link Authenticator}, logins and the
 * account operations.
 *
 * @param identity the stores, opened lazily; the audit log also goes to the logger {@code jclaw.audit}
 * @param authenticator who a request is
 * @param logins logging in and out, throttled
 * @param accounts users and API keys
 * @param clock the time all of them use
 */
public record AuthServices(LazyIdentity identity, Authenticator authenticator, Logins logins, Accounts accounts,
                           Clock clock) implements AutoCloseable {

    /**
     * Builds the services.
     *
     * @param config the configuration ({@code auth.*}, the data directory)
     * @param admin the bootstrap admin token
     * @param clock the time
     * @return the services; nothing is opened yet
     */
    public static AuthServices open(JClawConfig config, AdminCredentials admin, Clock clock) {
        AuthConfig settings = AuthConfig.of(config);
        LazyIdentity identity = new LazyIdentity(() -> JdbcIdentity.h2(config.dataDir()));
        Passwords passwords = new Passwords();
        return new AuthServices(identity,
                new Authenticator(identity, admin, settings.adminTier(), clock),
                new Logins(identity, passwords, new LoginThrottle(settings.throttle(), clock, LoginThrottle.CAPACITY),
                        settings.sessionTtl(), clock),
                new Accounts(identity, passwords, clock), clock);
    }

    /** Closes the user database if it was opened. */
    @Override
    public void close() {
        identity.close();
    }
}
