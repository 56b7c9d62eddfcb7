package dev.jclaw.server.http;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.identity.ApiKey;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.User;
import dev.jclaw.server.auth.AccountException;
import dev.jclaw.server.auth.AccountJson;
import dev.jclaw.server.auth.Accounts;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.server.auth.Authentication;
import dev.jclaw.server.auth.Authenticator;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * Accounts over HTTP, each change audited with the caller as actor:
 *
 * <ul>
 *   <li>administrators: {@code GET /api/users}, {@code POST /api/users} {@code {"user","password","admin","tier"}},
 *       {@code PATCH /api/users/{name}} {@code {"tier","disabled","password"}} (any of them),
 *       {@code DELETE /api/users/{name}};</li>
 *   <li>every user for their own keys, administrators for anyone's: {@code GET /api/keys[?user=]},
 *       {@code POST /api/keys} {@code {"name","user"}} (the key is in the answer, once),
 *       {@code DELETE /api/keys/{id}} ({@code {"revoked", "user", "name"}}).</li>
 * </ul>
 */
public final class UserRoutes {
    private static final String NEW_USER = "{\"user\": \"alice\", \"password\": \"...\", \"admin\": false,"
            + " \"tier\": \"approval\"}";
    private final Authenticator authenticator;
    private final Accounts accounts;

    /**
     * Creates the routes.
     *
     * @param authenticator who a request is
     * @param accounts the account operations
     */
    public UserRoutes(Authenticator authenticator, Accounts accounts) {
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    /**
     * Adds the routes.
     *
     * @param routing the routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/users", (req, res) -> asAdmin(req, res, who -> JsonResponses.send(res, 200,
                        JsonObject.builder().put("users", new JsonArray(accounts.users().stream()
                                .<JsonValue>map(UserRoutes::user).toList())).build())))
                .post("/api/users", (req, res) -> asAdmin(req, res, who -> JsonBodies.read(req, res, NEW_USER)
                        .ifPresent(body -> {
                            UserId id = new UserId(body.string("user"));
                            Tier tier = Tier.parse(body.optString("tier").orElse(Tier.APPROVAL.label()));
                            User user = accounts.add(id, body.optBoolean("admin").orElse(false), tier,
                                    body.string("password"), actor(who, req));
                            JsonResponses.send(res, 201, user(user));
                        })))
                .patch("/api/users/{name}", (req, res) -> asAdmin(req, res, who -> JsonBodies.read(req, res,
                        "{\"tier\": \"read-only\", \"disabled\": true, \"password\": \"...\"}").ifPresent(body -> {
                            UserId id = new UserId(req.path().pathParameters().get("name"));
                            accounts.user(id);
                            Optional<Tier> tier = body.optString("tier").map(Tier::parse);
                            Optional<Boolean> disabled = body.optBoolean("disabled");
                            Optional<String> password = body.optString("password");
                            if (tier.isEmpty() && disabled.isEmpty() && password.isEmpty()) {
                                throw new IllegalArgumentException("say what to change: tier, disabled or"
                                        + " password");
                            }
                            tier.ifPresent(t -> accounts.setTier(id, t, actor(who, req)));
                            disabled.ifPresent(d -> accounts.setDisabled(id, d, actor(who, req)));
                            password.ifPresent(p -> accounts.passwd(id, p, actor(who, req)));
                            JsonResponses.send(res, 200, user(accounts.user(id)));
                        })))
                .delete("/api/users/{name}", (req, res) -> asAdmin(req, res, who -> {
                    UserId id = new UserId(req.path().pathParameters().get("name"));
                    accounts.remove(id, actor(who, req));
                    JsonResponses.send(res, 200, JsonObject.builder().put("removed", id.value()).build());
                }))
                .get("/api/keys", (req, res) -> asUser(req, res, who -> {
                    Optional<UserId> user = req.query().contains("user")
                            ? Optional.of(new UserId(req.query().get("user"))) : Optional.empty();
                    if (!who.principal().admin()) {
                        user = Optional.of(own(who, user));
                    }
                    JsonResponses.send(res, 200, JsonObject.builder().put("keys", new JsonArray(
                            accounts.keys(user).stream().<JsonValue>map(UserRoutes::key).toList())).build());
                }))
                .post("/api/keys", (req, res) -> asUser(req, res, who -> JsonBodies.read(req, res,
                        "{\"name\": \"ci\", \"user\": \"alice\"}").ifPresent(body -> {
                            Optional<UserId> asked = body.optString("user").map(UserId::new);
                            UserId user = who.principal().admin() ? asked.orElse(who.principal().id())
                                    : own(who, asked);
                            Accounts.IssuedKey issued = accounts.createKey(user, body.string("name"),
                                    actor(who, req));
                            JsonResponses.send(res, 201, JsonObject.builder().put("id", issued.key().id().value())
                                    .put("key", issued.secret()).put("user", user.value())
                                    .put("name", issued.key().name()).build());
                        })))
                .delete("/api/keys/{id}", (req, res) -> asUser(req, res, who -> {
                    ApiKeyId id = new ApiKeyId(req.path().pathParameters().get("id"));
                    Optional<ApiKey> key = accounts.keys(Optional.of(who.principal().id())).stream()
                            .filter(k -> k.id().equals(id)).findFirst();
                    if (!who.principal().admin() && key.isEmpty()) {
                        // another user's key is answered like an unknown one
                        throw new AccountException(AccountException.Problem.NOT_FOUND, "no API key with id " + id);
                    }
                    ApiKey revoked = accounts.revokeKey(id, actor(who, req));
                    JsonResponses.send(res, 200, JsonObject.builder().put("revoked", id.value())
                            .put("user", revoked.user().value()).put("name", revoked.name()).build());
                }));
    }

    /** A user may only ask about themselves: another user's name is answered 404, as if unknown. */
    private static UserId own(Authentication.Authenticated who, Optional<UserId> asked) {
        UserId self = who.principal().id();
        if (asked.isPresent() && !asked.get().equals(self)) {
            throw new AccountException(AccountException.Problem.NOT_FOUND, "no user named '" + asked.get() + "'");
        }
        return self;
    }

    @FunctionalInterface
    private interface Action {
        void run(Authentication.Authenticated who);
    }

    private void asAdmin(ServerRequest req, ServerResponse res, Action action) {
        guarded(res, () -> RequestAuth.admin(authenticator, req, res, "managing users").ifPresent(action::run));
    }

    private void asUser(ServerRequest req, ServerResponse res, Action action) {
        guarded(res, () -> RequestAuth.authenticate(authenticator, req, res).ifPresent(action::run));
    }

    /** Refusals as 4xx with their sentence; the user database's failures as 503. */
    private static void guarded(ServerResponse res, Runnable action) {
        try {
            action.run();
        } catch (AccountException e) {
            JsonResponses.error(res, switch (e.problem()) {
                case NOT_FOUND -> 404;
                case CONFLICT -> 409;
                case INVALID -> 400;
            }, e.getMessage());
        } catch (JsonException | IllegalArgumentException e) {
            JsonResponses.error(res, 400, e.getMessage());
        } catch (dev.jclaw.core.identity.IdentityStoreException e) {
            System.getLogger(UserRoutes.class.getName()).log(System.Logger.Level.WARNING, e.getMessage(), e);
            JsonResponses.error(res, 503, "the user database is not available: " + e.getMessage());
        }
    }

    private static Actor actor(Authentication.Authenticated who, ServerRequest req) {
        return RequestAuth.actor(who, req);
    }

    private static JsonObject user(User u) {
        return AccountJson.user(u);
    }

    private static JsonObject key(ApiKey k) {
        return AccountJson.key(k);
    }
}
