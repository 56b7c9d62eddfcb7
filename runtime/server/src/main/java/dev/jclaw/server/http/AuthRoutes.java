package dev.jclaw.server.http;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.identity.AuditLog;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.core.identity.IdentityStoreException;
import dev.jclaw.core.identity.LoggedAuditLog;
import dev.jclaw.server.auth.AuditFilter;
import dev.jclaw.server.auth.Authentication;
import dev.jclaw.server.auth.Authenticator;
import dev.jclaw.server.auth.Logins;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/auth/login}, {@code POST /api/auth/logout}, {@code GET /api/auth/me} and, for administrators,
 * {@code GET /api/audit}. Errors are {@code {"error": "..."}}; a request refused for its credentials gets 401 with
 * {@code WWW-Authenticate}; a throttled login gets 429 with {@code Retry-After}. A login body is small JSON read by
 * {@link JsonBodies}.
 */
public final class AuthRoutes {
    private static final String WRONG = "wrong user name or password";

    private final Authenticator authenticator;
    private final Logins logins;
    private final Supplier<AuditLog> audit;
    private final Clock clock;

    /**
     * Creates the routes.
     *
     * @param authenticator who a request is
     * @param logins logging in and out
     * @param audit the audit log, asked for on use (the store may open lazily)
     * @param clock the time, for {@code since=24h}
     */
    public AuthRoutes(Authenticator authenticator, Logins logins, Supplier<AuditLog> audit, Clock clock) {
        this.authenticator = authenticator;
        this.logins = logins;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds the routes.
     *
     * @param routing the routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.post("/api/auth/login", (req, res) -> guarded(res, () -> login(req, res)))
                .post("/api/auth/logout", (req, res) -> guarded(res, () -> logout(req, res)))
                .get("/api/auth/me", (req, res) -> guarded(res, () -> authenticate(req, res).ifPresent(a ->
                        JsonResponses.send(res, 200, principal(a.principal())
                                .put("credential", a.credential().label()).build()))))
                .get("/api/audit", (req, res) -> guarded(res, () -> audit(req, res)));
    }

    /** The user database held by another process, or broken: one sentence, 503, no stack trace. */
    private static void guarded(ServerResponse res, Runnable action) {
        try {
            action.run();
        } catch (IdentityStoreException e) {
            System.getLogger(AuthRoutes.class.getName()).log(System.Logger.Level.WARNING, e.getMessage(), e);
            JsonResponses.error(res, 503, "the user database is not available: " + e.getMessage());
        }
    }

    private void login(ServerRequest req, ServerResponse res) {
        Optional<JsonObject> read = JsonBodies.read(req, res, "{\"user\": \"...\", \"password\": \"...\"}");
        if (read.isEmpty()) {
            return;
        }
        JsonObject body = read.get();
        String name;
        String password;
        try {
            name = body.string("user");
            password = body.string("password");
        } catch (JsonException e) {
            JsonResponses.error(res, 400, e.getMessage());
            return;
        }
        UserId id;
        try {
            id = new UserId(name);
        } catch (IllegalArgumentException e) {
            // no such user can exist: say what a name looks like, which tells nothing about who exists
            JsonResponses.error(res, 400, e.getMessage());
            return;
        }
        switch (logins.login(id, password, RequestAuth.address(req), "http")) {
            case Logins.Ok ok -> JsonResponses.send(res, 200, JsonObject.builder().put("token", ok.token())
                    .put("expires_at", ok.expires().toString()).put("user", ok.user().id().value())
                    .put("admin", ok.user().admin()).put("tier", ok.user().tier().label()).build());
            case Logins.Refused refused -> {
                res.header("WWW-Authenticate", "Bearer realm=\"jclaw\"");
                JsonResponses.error(res, 401, refused.disabled() ? "this user is disabled; ask an administrator"
                        : WRONG);
            }
            case Logins.Throttled throttled -> {
                res.header("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                JsonResponses.error(res, 429, "too many failed logins for this user or from this address; try again"
                        + " in " + throttled.retryAfterSeconds() + " seconds");
            }
        }
    }

    private void logout(ServerRequest req, ServerResponse res) {
        authenticate(req, res).ifPresent(a -> {
            if (!(a.credential() instanceof Authentication.Session session)) {
                JsonResponses.error(res, 400, "logout ends a login session; send the session token from"
                        + " POST /api/auth/login (an API key is revoked with 'jclaw keys revoke ID')");
                return;
            }
            logins.logout(session, a.principal().id(), RequestAuth.address(req), "http");
            JsonResponses.send(res, 200, JsonObject.builder().put("logged_out", true).build());
        });
    }

    private void audit(ServerRequest req, ServerResponse res) {
        if (RequestAuth.admin(authenticator, req, res, "the audit log").isEmpty()) {
            return;
        }
        AuditQuery query;
        try {
            query = AuditFilter.parse(param(req, "user"), param(req, "kind"), param(req, "since"),
                    param(req, "limit"), clock.instant());
        } catch (IllegalArgumentException e) {
            JsonResponses.error(res, 400, e.getMessage());
            return;
        }
        JsonArray entries = new JsonArray(audit.get().query(query).stream()
                .<JsonValue>map(LoggedAuditLog::json).toList());
        JsonResponses.send(res, 200, JsonObject.builder().put("entries", entries).build());
    }

    private static Optional<String> param(ServerRequest req, String name) {
        return req.query().contains(name) ? Optional.of(req.query().get(name)) : Optional.empty();
    }

    private Optional<Authentication.Authenticated> authenticate(ServerRequest req, ServerResponse res) {
        return RequestAuth.authenticate(authenticator, req, res);
    }

    private static JsonObject.Builder principal(Principal p) {
        return JsonObject.builder().put("user", p.id().value()).put("admin", p.admin()).put("tier", p.tier().label());
    }
}
