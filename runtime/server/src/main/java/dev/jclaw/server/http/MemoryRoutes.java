package dev.jclaw.server.http;

import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditLog;
import dev.jclaw.core.identity.IdentityStoreException;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.server.auth.Authentication;
import dev.jclaw.server.auth.Authenticator;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Memory over HTTP, for the authenticated principal (a user's session token or API key, the admin token, the local
 * token of {@code data/run/server.json} as the terminal): what {@code jclaw memory} does beside a server.
 *
 * <ul>
 *   <li>{@code GET /api/memory?q=&layer=&limit=&all=} searches ({@code q}) or lists: {@code {"namespace",
 *       "entries": [...]}} ({@link MemoryJson});</li>
 *   <li>{@code GET /api/memory/stats}: the counts of {@code jclaw memory stats --json};</li>
 *   <li>{@code POST /api/memory} {@code {"content", "layer"?, "type"?}} adds a fact or procedure: 201 when stored,
 *       200 when already known or merged into a near duplicate;</li>
 *   <li>{@code DELETE /api/memory/{id}?reason=} forgets, {@code POST /api/memory/{id}/split} splits a merge back
 *       out;</li>
 *   <li>{@code POST /api/memory/reindex} rebuilds the index (administrators).</li>
 * </ul>
 *
 * A user reaches only their own namespace, {@code user:<id>}, the one their conversations recall from; another
 * namespace, or an id of another user's memory, is answered 404 as if unknown. An administrator may name any
 * namespace with {@code ?namespace=}. Refusals are {@code {"error": "..."}}: 400 bad input, 401, 403, 404, 409 a
 * memory that cannot change that way, 413, 415, 503 when memory is off or unavailable.
 */
public final class MemoryRoutes {
    /** The largest request body: a memory's 8,000 characters, escaped, with room to spare. */
    static final int MAX_BODY = 64 * 1024;
    /** The longest search, in characters. */
    static final int MAX_QUERY = 2_000;
    private static final String EXAMPLE = "{\"content\": \"the VPN is vpn-2\", \"layer\": \"L2\", \"type\": \"note\"}";

    private final Optional<AgentMemory> memory;
    private final Authenticator authenticator;
    private final Supplier<AuditLog> audit;
    private final Clock clock;

    /**
     * Creates the routes.
     *
     * @param memory the server's memory; empty when {@code memory.enabled} is false
     * @param authenticator resolves credentials, the local token included
     * @param audit the audit log an administrator's use of another namespace goes to, asked for on use
     * @param clock the time of audit entries
     */
    public MemoryRoutes(Optional<AgentMemory> memory, Authenticator authenticator, Supplier<AuditLog> audit,
                        Clock clock) {
        this.memory = memory;
        this.authenticator = authenticator;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Adds the routes.
     *
     * @param routing the server's routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.get("/api/memory", (req, res) -> serve(req, res, "memory.find", this::find))
                .get("/api/memory/stats", (req, res) -> serve(req, res, "memory.stats", (call, service) ->
                        JsonResponses.send(res, 200, MemoryJson.stats(call.namespace(),
                                service.store().stats(call.namespace()), service.embeddingModel()))))
                .post("/api/memory", (req, res) -> serve(req, res, "memory.add", this::add))
                .post("/api/memory/reindex", (req, res) -> serve(req, res, "memory.reindex", this::reindex))
                .post("/api/memory/{id}/split", (req, res) -> serve(req, res, "memory.split", this::split))
                .delete("/api/memory/{id}", (req, res) -> serve(req, res, "memory.forget", this::forget));
    }

    /** An authenticated request on one namespace. */
    private record Call(ServerRequest req, ServerResponse res, Principal principal, Namespace namespace) {
    }

    @FunctionalInterface
    private interface Action {
        void run(Call call, MemoryService service) throws InterruptedException;
    }

    private void serve(ServerRequest req, ServerResponse res, String what, Action action)
            throws InterruptedException {
        Authentication auth;
        try {
            auth = authenticator.authenticateTerminal(req.headers().first(HeaderNames.AUTHORIZATION));
        } catch (dev.jclaw.core.identity.IdentityStoreException e) {
            JsonResponses.error(res, 503, "the user database is not available: " + e.getMessage());
            return;
        }
        if (auth instanceof Authentication.Refused refused) {
            res.header("WWW-Authenticate", "Bearer realm=\"jclaw\"");
            JsonResponses.error(res, 401, refused.failure().message());
            return;
        }
        Principal principal = ((Authentication.Authenticated) auth).principal();
        if (memory.isEmpty()) {
            JsonResponses.error(res, 503, "memory is off on this server: memory.enabled is false");
            return;
        }
        try {
            Optional<Namespace> namespace = namespace(req, res, principal);
            if (namespace.isPresent()) {
                audited((Authentication.Authenticated) auth, req, what, namespace.get());
                action.run(new Call(req, res, principal, namespace.get()), memory.get().service());
            }
        } catch (IdentityStoreException e) {
            JsonResponses.error(res, 503, "the audit log is not available, so nothing was done: " + e.getMessage());
        } catch (MemoryException e) {
            JsonResponses.error(res, 503, e.getMessage());
        } catch (JsonException | IllegalArgumentException e) {
            JsonResponses.error(res, 400, e.getMessage());
        }
    }

    /**
     * Writes an administrator's use of a namespace not their own — and every reindex, which rebuilds everyone's — to
     * the audit log as {@code admin.action}, before it happens.
     */
    private void audited(Authentication.Authenticated who, ServerRequest req, String what, Namespace namespace) {
        boolean own = namespace.value().equals("user:" + who.principal().id().value());
        if (!who.principal().admin() || own && !what.equals("memory.reindex")) {
            return; // a user reaches only their own; a refusal follows for anything else
        }
        Actor actor = RequestAuth.actor(who, req);
        audit.get().append(new AuditEntry(clock.instant().truncatedTo(ChronoUnit.MILLIS), AuditKind.ADMIN_ACTION,
                actor.name(), actor.address(), actor.channel(), namespace.value(),
                JsonObject.builder().put("action", what).put("namespace", namespace.value()).build()));
    }

    /** The caller's own namespace unless an administrator names another; a user naming another's gets 404. */
    private static Optional<Namespace> namespace(ServerRequest req, ServerResponse res, Principal principal) {
        Namespace own = new Namespace("user:" + principal.id().value());
        List<String> asked = req.query().all("namespace", List::of);
        if (asked.isEmpty()) {
            return Optional.of(own);
        }
        if (asked.size() > 1) {
            throw new IllegalArgumentException("give at most one namespace");
        }
        Namespace named;
        try {
            named = new Namespace(asked.getFirst());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("namespace: " + e.getMessage());
        }
        if (!principal.admin() && !named.equals(own)) {
            JsonResponses.error(res, 404, "no memory namespace '" + named.value() + "' here; yours is " + own);
            return Optional.empty();
        }
        return Optional.of(named);
    }

    private void find(Call call, MemoryService service) throws InterruptedException {
        Set<MemoryLayer> layers = layers(call.req());
        int limit = limit(call.req());
        Optional<String> q = param(call.req(), "q");
        if (q.isPresent()) {
            if (q.get().isBlank()) {
                throw new IllegalArgumentException("q needs words to search for, e.g. ?q=staging+database");
            }
            if (q.get().length() > MAX_QUERY) {
                throw new IllegalArgumentException("q is at most " + MAX_QUERY + " characters");
            }
            List<Recalled> found = service.search(call.namespace(), q.get(), layers, limit);
            send(call, 200, new JsonArray(found.stream().<JsonValue>map(MemoryJson::recalled)
                    .toList()));
            return;
        }
        boolean all = param(call.req(), "all").map(v -> switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("all takes true or false, not '" + shown(v) + "'");
        }).orElse(false);
        send(call, 200, MemoryJson.entries(service.store().list(call.namespace(), layers, all, limit)));
    }

    private static void send(Call call, int status, JsonArray entries) {
        JsonResponses.send(call.res(), status, JsonObject.builder().put("namespace", call.namespace().value())
                .put("entries", entries).build());
    }

    private void add(Call call, MemoryService service) throws InterruptedException {
        Optional<JsonObject> body = JsonBodies.read(call.req(), call.res(), EXAMPLE, MAX_BODY);
        if (body.isEmpty()) {
            return;
        }
        String content;
        Optional<String> layerName;
        Optional<String> type;
        try {
            content = body.get().string("content");
            layerName = body.get().optString("layer");
            type = body.get().optString("type");
        } catch (JsonException e) {
            throw new IllegalArgumentException(e.getMessage() + "; send " + EXAMPLE);
        }
        MemoryLayer layer = layerName.map(name -> MemoryLayer.parse(name).orElseThrow(() ->
                new IllegalArgumentException(layerRefused(name)))).orElse(MemoryLayer.FACT);
        MemoryService.Memorized done = service.memorize(call.namespace(), layer, type.orElse("note"), content, "");
        JsonResponses.send(call.res(), done instanceof MemoryService.Memorized.Stored ? 201 : 200,
                MemoryJson.memorized(call.namespace(), done));
    }

    private void forget(Call call, MemoryService service) {
        String id = call.req().path().pathParameters().get("id");
        Optional<String> reason = param(call.req(), "reason");
        if (reason.isEmpty() || reason.get().isBlank()) {
            throw new IllegalArgumentException("say why: DELETE /api/memory/" + shown(id) + "?reason=moved+to+vpn-3");
        }
        switch (service.forget(call.namespace(), id, reason.get())) {
            case MemoryService.Forgetting.Forgotten f -> JsonResponses.send(call.res(), 200,
                    MemoryJson.outcome(call.namespace(), "forgotten", List.of(f.entry())).build());
            case MemoryService.Forgetting.Refused r -> refuse(call, service, id, r.message());
        }
    }

    private void split(Call call, MemoryService service) {
        String id = call.req().path().pathParameters().get("id");
        switch (service.split(call.namespace(), id)) {
            case MemoryService.Splitting.Split s -> JsonResponses.send(call.res(), 200,
                    MemoryJson.split(call.namespace(), s));
            case MemoryService.Splitting.Refused r -> refuse(call, service, id, r.message());
        }
    }

    /** An id this namespace does not have is 404 (another user's among them); one that cannot change so, 409. */
    private static void refuse(Call call, MemoryService service, String id, String message) {
        boolean known = !service.store().byPrefix(call.namespace(), id.strip().toLowerCase(Locale.ROOT)).isEmpty();
        JsonResponses.error(call.res(), known ? 409 : 404, message);
    }

    private void reindex(Call call, MemoryService service) throws InterruptedException {
        if (!call.principal().admin()) {
            JsonResponses.error(call.res(), 403, "rebuilding the memory index is for administrators");
            return;
        }
        long n = service.reindex(done -> { });
        JsonResponses.send(call.res(), 200, JsonObject.builder().put("reindexed", n)
                .put("embedding", service.embeddingModel()).build());
    }

    private static Set<MemoryLayer> layers(ServerRequest req) {
        Set<MemoryLayer> layers = EnumSet.noneOf(MemoryLayer.class);
        for (String name : req.query().all("layer", List::of)) {
            layers.add(MemoryLayer.parse(name).orElseThrow(() -> new IllegalArgumentException(layerRefused(name))));
        }
        return layers;
    }

    private static String layerRefused(String name) {
        return "layer takes L2, L3 or L4, not '" + shown(name) + "'";
    }

    private static int limit(ServerRequest req) {
        Optional<String> text = param(req, "limit");
        if (text.isEmpty()) {
            return 20;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= 1_000) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("limit takes a number from 1 to 1000, not '" + shown(text.get()) + "'");
    }

    private static Optional<String> param(ServerRequest req, String name) {
        return req.query().contains(name) ? Optional.of(req.query().get(name)) : Optional.empty();
    }

    /** A caller's text in an answer: short, on one line. */
    private static String shown(String text) {
        return AuditEntry.safe(text, 40);
    }
}
