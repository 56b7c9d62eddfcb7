package dev.jclaw.config;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * Users' logins and API keys: {@code auth} in {@code jclaw.json} (already validated against the schema, which gives
 * the defaults).
 *
 * @param sessionTtl how long a login session token works
 * @param adminTier the tier ceiling of the bootstrap admin token
 * @param throttle how failed logins are throttled
 */
public record AuthConfig(Duration sessionTtl, Tier adminTier, LoginThrottle throttle) {
    /** The schema's defaults. */
    public static final AuthConfig DEFAULTS = new AuthConfig(Duration.ofMinutes(720), Tier.APPROVAL,
            LoginThrottle.DEFAULTS);

    /** Checks the fields. */
    public AuthConfig {
        Objects.requireNonNull(sessionTtl, "sessionTtl");
        Objects.requireNonNull(adminTier, "adminTier");
        Objects.requireNonNull(throttle, "throttle");
    }

    /**
     * How failed logins are throttled.
     *
     * @param failures failed logins allowed within the window before the back-off starts
     * @param window how long a failure counts
     * @param maxBackoff the longest back-off
     */
    public record LoginThrottle(int failures, Duration window, Duration maxBackoff) {
        /** The schema's defaults. */
        public static final LoginThrottle DEFAULTS = new LoginThrottle(5, Duration.ofMinutes(15),
                Duration.ofMinutes(15));

        /** Checks the fields. */
        public LoginThrottle {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (failures < 1) {
                throw new IllegalArgumentException("failures must be positive: " + failures);
            }
        }
    }

    /**
     * Reads the section from a validated configuration.
     *
     * @param config the configuration
     * @return the settings, defaults where the file says nothing
     */
    public static AuthConfig of(JClawConfig config) {
        JsonObject a = config.raw().optObject("auth").orElse(JsonObject.EMPTY);
        JsonObject t = a.optObject("login-throttle").orElse(JsonObject.EMPTY);
        LoginThrottle d = LoginThrottle.DEFAULTS;
        return new AuthConfig(
                Duration.ofMinutes(a.optLong("session-ttl-minutes").orElse(DEFAULTS.sessionTtl().toMinutes())),
                Tier.parse(a.optString("admin-tier").orElse(DEFAULTS.adminTier().label())),
                new LoginThrottle(Math.toIntExact(t.optLong("failures").orElse((long) d.failures())),
                        Duration.ofSeconds(t.optLong("window-seconds").orElse(d.window().toSeconds())),
                        Duration.ofSeconds(t.optLong("max-backoff-seconds").orElse(d.maxBackoff().toSeconds()))));
    }
}
