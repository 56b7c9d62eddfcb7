package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.core.identity.IdentityStoreException;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.auth.AccountException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The accounts of the JClaw server running on this JClaw home, through {@code /api/users}, {@code /api/keys} and
 * {@code /api/audit} with the local token of {@code data/run/server.json} (the server audits the changes as the
 * terminal's operator, as {@link LocalIdentity} does). Passwords and keys travel in the clear over HTTP, so the
 * server is used only when its address is one of this machine's: the traffic never leaves it.
 */
final class ServerIdentity implements IdentityBackend, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    private ServerIdentity(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * Finds the server of a JClaw home.
     *
     * @param config the configuration (its data directory holds server.json)
     * @return the server, or empty when none runs (or none answers) there
     * @throws IdentityStoreException when a server runs there at an address that is not this machine's
     */
    static Optional<ServerIdentity> find(JClawConfig config) {
        Optional<RuntimeFile> running = RuntimeFile.read(config.dataDir());
        if (running.isEmpty()) {
            return Optional.empty();
        }
        URI base;
        try {
            base = URI.create(running.get().url());
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a damaged file: the in-process path says what holds the database, if any
        }
        if (base.getHost() == null || !"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            return Optional.empty();
        }
        if (!onThisMachine(base.getHost())) {
            throw new IdentityStoreException("the JClaw server of this home (pid " + running.get().pid()
                    + ") listens at " + base + ", which is not an address of this machine, and users, passwords and"
                    + " keys go to it only over loopback; stop it, or let it listen on 127.0.0.1");
        }
        ServerIdentity server = new ServerIdentity(base, running.get().token());
        if (server.healthy()) {
            return Optional.of(server);
        }
        server.close();
        return Optional.empty();
    }

    /** Whether every address a host name stands for is this machine's: loopback, a wildcard or a local interface. */
    static boolean onThisMachine(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.isEmpty()) {
            return false; // the JDK would answer loopback for no name at all
        }
        try {
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()
                        && NetworkInterface.getByInetAddress(address) == null) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    /** @return the server's base URL */
    URI base() {
        return base;
    }

    private boolean healthy() {
        return ServerClient.healthy(http, base);
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    @Override
    public List<JsonObject> users() throws InterruptedException {
        return objects(call("GET", "/api/users", null), "users");
    }

    @Override
    public JsonObject add(UserId id, boolean admin, Tier tier, String password) throws InterruptedException {
        return call("POST", "/api/users", JsonObject.builder().put("user", id.value()).put("password", password)
                .put("admin", admin).put("tier", tier.label()).build());
    }

    @Override
    public void passwd(UserId id, String password) throws InterruptedException {
        call("PATCH", "/api/users/" + encode(id.value()), JsonObject.builder().put("password", password).build());
    }

    @Override
    public void setDisabled(UserId id, boolean disabled) throws InterruptedException {
        call("PATCH", "/api/users/" + encode(id.value()), JsonObject.builder().put("disabled", disabled).build());
    }

    @Override
    public void remove(UserId id) throws InterruptedException {
        call("DELETE", "/api/users/" + encode(id.value()), null);
    }

    @Override
    public void setTier(UserId id, Tier tier) throws InterruptedException {
        call("PATCH", "/api/users/" + encode(id.value()), JsonObject.builder().put("tier", tier.label()).build());
    }

    @Override
    public List<JsonObject> keys(Optional<UserId> user) throws InterruptedException {
        return objects(call("GET", "/api/keys" + user.map(u -> "?user=" + encode(u.value())).orElse(""), null),
                "keys");
    }

    @Override
    public NewKey createKey(UserId user, String name) throws InterruptedException {
        JsonObject made = call("POST", "/api/keys", JsonObject.builder().put("user", user.value())
                .put("name", name).build());
        return new NewKey(made.string("id"), made.string("key"));
    }

    @Override
    public JsonObject revokeKey(ApiKeyId id) throws InterruptedException {
        return call("DELETE", "/api/keys/" + encode(id.value()), null);
    }

    @Override
    public List<JsonObject> audit(AuditQuery query) throws InterruptedException {
        List<String> filters = new ArrayList<>();
        query.user().ifPresent(u -> filters.add("user=" + encode(u)));
        query.kind().ifPresent(k -> filters.add("kind=" + encode(k.label())));
        query.since().ifPresent(s -> filters.add("since=" + encode(s.toString())));
        filters.add("limit=" + query.limit());
        return objects(call("GET", "/api/audit?" + String.join("&", filters), null), "entries");
    }

    /**
     * Sends one request with the local token.
     *
     * @return the answer's JSON object
     * @throws AccountException with the server's sentence when it refused the request (400, 404, 409)
     * @throws IdentityStoreException when it could not be asked or failed
     */
    private JsonObject call(String method, String path, JsonObject body) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        HttpResponse<String> res;
        try {
            res = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IdentityStoreException("could not reach the JClaw server at " + base + " ("
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()) + "); is it still"
                    + " running?");
        }
        JsonObject answer;
        try {
            answer = Json.parseObject(res.body());
        } catch (JsonException e) {
            throw new IdentityStoreException("the JClaw server at " + base + " answered " + res.statusCode()
                    + " with something that is not JSON; is it as new as this jclaw?");
        }
        String message = answer.optString("error").orElse("");
        return switch (res.statusCode()) {
            case 200, 201 -> answer;
            case 400 -> throw new AccountException(AccountException.Problem.INVALID, message);
            case 404 -> throw new AccountException(AccountException.Problem.NOT_FOUND, message.isEmpty()
                    ? "the JClaw server at " + base + " has no " + path + "; is it as new as this jclaw?" : message);
            case 409 -> throw new AccountException(AccountException.Problem.CONFLICT, message);
            case 401, 403 -> throw new IdentityStoreException("the JClaw server at " + base + " refused this"
                    + " machine's local token (" + message + "); is it as new as this jclaw?");
            default -> throw new IdentityStoreException(message.isEmpty()
                    ? "the JClaw server at " + base + " answered " + res.statusCode() : message);
        };
    }

    private static List<JsonObject> objects(JsonObject answer, String member) {
        return answer.optArray(member).orElse(JsonArray.of()).elements().stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
