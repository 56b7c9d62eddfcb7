package dev.jclaw.server.auth;

import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.identity.ApiKey;
import dev.jclaw.core.identity.User;
import java.time.Instant;
import java.util.Optional;

/**
 * Users and API keys as JSON, one shape for {@code /api/users}, {@code /api/keys} and the {@code --json} output of
 * {@code jclaw users list} and {@code jclaw keys list}, so that the commands print the same whether they asked the
 * server or the database. Never a password hash or a key's hash.
 */
public final class AccountJson {
    private AccountJson() {
    }

    /**
     * A user.
     *
     * @param u the user
     * @return {@code {"user", "admin", "tier", "disabled", "created"}}
     */
    public static JsonObject user(User u) {
        return JsonObject.builder().put("user", u.id().value()).put("admin", u.admin()).put("tier", u.tier().label())
                .put("disabled", u.disabled()).put("created", u.created().toString()).build();
    }

    /**
     * An API key.
     *
     * @param k the key
     * @return {@code {"id", "user", "name", "created", "last_used", "revoked"}}, times null when never
     */
    public static JsonObject key(ApiKey k) {
        return JsonObject.builder().put("id", k.id().value()).put("user", k.user().value()).put("name", k.name())
                .put("created", k.created().toString()).put("last_used", time(k.lastUsed()))
                .put("revoked", time(k.revoked())).build();
    }

    private static JsonValue time(Optional<Instant> instant) {
        return instant.<JsonValue>map(i -> new JsonString(i.toString())).orElse(JsonNull.INSTANCE);
    }
}
