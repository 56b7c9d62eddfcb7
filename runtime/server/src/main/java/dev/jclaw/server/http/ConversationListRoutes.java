package dev.jclaw.server.http;

import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ConversationId;
import dev.jclaw.api.gateway.ConversationInfo;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.HistoryItem;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditLog;
import dev.jclaw.core.identity.IdentityStoreException;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.server.auth.Authentication;
import dev.jclaw.server.auth.Authenticator;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A principal's conversations for a web chat, a program or an administrator, through the gateway:
 * <ul>
 *   <li>{@code GET /api/conversations[?channel=&limit=]}: newest first, {@code {"user", "conversations": [...]}};</li>
 *   <li>{@code GET /api/conversations/{address}}: the conversations at one address, newest first (the current one
 *       and those {@code /new} left behind);</li>
 *   <li>{@code GET /api/conversations/{address}/history[?before=&limit=]}: a page of messages, oldest first, each
 *       with its position {@code seq}; the next page is {@code before=} the first one's {@code seq};</li>
 *   <li>{@code PATCH /api/conversations/{address}} {@code {"title": "..."}}: gives it a title;</li>
 *   <li>{@code DELETE /api/conversations/{address}}: deletes it and its messages, stopping a turn running in it.</li>
 * </ul>
 * {@code {address}} is a {@link ConversationAddress} in the caller's own space, so another user's conversation
 * cannot even be named: it is 404, never 403. The address routes act on its current conversation, or with
 * {@code ?id=} on an earlier one of the same address. Every route takes {@code ?user=U}: an administrator's view of
 * U's conversations, audited as {@code admin.action}; anyone else naming another user gets 403, whether U exists or
 * not. Limits are 1 to {@value #MAX_LIMIT} ({@value #DEFAULT_LIMIT} when not given); out of range is 400.
 */
public final class ConversationListRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AgentGateway gateway;
    private final Authenticator authenticator;
    private final Supplier<AuditLog> audit;
    private final Clock clock;

    /**
     * Creates the routes.
     *
     * @param gateway the agent gateway
     * @param authenticator resolves credentials, the local token included
     * @param audit the audit log, asked for on use (the user database opens lazily)
     * @param clock the time of audit entries
     */
    public ConversationListRoutes(AgentGateway gateway, Authenticator authenticator, Supplier<AuditLog> audit,
                                  Clock clock) {
        this.gateway = gateway;
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
        routing.get("/api/conversations", (req, res) -> guarded(req, res, this::list))
                .get("/api/conversations/{address}", (req, res) -> guarded(req, res, this::at))
                .get("/api/conversations/{address}/history", (req, res) -> guarded(req, res, this::history))
                .patch("/api/conversations/{address}", (req, res) -> guarded(req, res, this::rename))
                .delete("/api/conversations/{address}", (req, res) -> guarded(req, res, this::delete));
    }

    /** Who asks, whose conversations they mean, and how the audit log names them. */
    private record Caller(Principal principal, UserId owner, Actor actor) {
        boolean foreign() {
            return !owner.equals(principal.id());
        }
    }

    @FunctionalInterface
    private interface Handler {
        void handle(Caller caller, ServerRequest req, ServerResponse res);
    }

    private void list(Caller caller, ServerRequest req, ServerResponse res) {
        String channel = param(req, "channel").orElse("");
        int limit = number(req, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        audited(caller, "conversations.list", Optional.empty());
        List<ConversationInfo> found = gateway.conversations(caller.principal(), caller.owner(), channel, limit);
        JsonResponses.send(res, 200, JsonObject.builder().put("user", caller.owner().value())
                .put("conversations", infos(found)).build());
    }

    private void at(Caller caller, ServerRequest req, ServerResponse res) {
        ConversationKey key = address(req);
        List<ConversationInfo> found = gateway.conversationsAt(caller.principal(), caller.owner(), key);
        if (found.isEmpty()) {
            throw new GatewayException(GatewayException.Kind.NOT_FOUND, "no conversation at "
                    + ConversationAddress.format(key));
        }
        audited(caller, "conversation.list", Optional.of(found.getFirst()));
        JsonResponses.send(res, 200, JsonObject.builder().put("conversations", infos(found)).build());
    }

    private void history(Caller caller, ServerRequest req, ServerResponse res) {
        int limit = number(req, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        Optional<Integer> before = param(req, "before").map(b -> number(req, "before", 0, Integer.MAX_VALUE, 0));
        ConversationInfo conversation = target(caller, req);
        audited(caller, "conversation.history", Optional.of(conversation));
        List<HistoryItem> items = gateway.history(caller.principal(), conversation.id());
        int end = Math.min(before.orElse(items.size()), items.size());
        int start = Math.max(0, end - limit);
        JsonArray page = new JsonArray(IntStream.range(start, end)
                .<JsonValue>mapToObj(seq -> message(seq, items.get(seq))).toList());
        JsonResponses.send(res, 200, JsonObject.builder().put("conversation", info(conversation))
                .put("messages", page).put("total", items.size()).put("more", start > 0).build());
    }

    private void rename(Caller caller, ServerRequest req, ServerResponse res) {
        Optional<JsonObject> body = JsonBodies.read(req, res, "{\"title\": \"Trip to Beijing\"}");
        if (body.isEmpty()) {
            return;
        }
        String title;
        try {
            title = body.get().string("title");
        } catch (JsonException e) {
            throw new IllegalArgumentException("send {\"title\": \"...\"} with the title as a string");
        }
        ConversationInfo conversation = target(caller, req);
        audited(caller, "conversation.rename", Optional.of(conversation));
        JsonResponses.send(res, 200, info(gateway.rename(caller.principal(), conversation.id(), title)));
    }

    private void delete(Caller caller, ServerRequest req, ServerResponse res) {
        ConversationInfo conversation = target(caller, req);
        audited(caller, "conversation.delete", Optional.of(conversation));
        gateway.delete(caller.principal(), conversation.id());
        JsonResponses.send(res, 200, JsonObject.builder().put("deleted", conversation.id().value())
                .put("address", ConversationAddress.format(conversation.key())).build());
    }

    /** The conversation an address route means: the address's current one, or with {@code id=} an earlier one. */
    private ConversationInfo target(Caller caller, ServerRequest req) {
        ConversationKey key = address(req);
        Optional<ConversationId> id = param(req, "id").map(ConversationId::new);
        String where = ConversationAddress.format(key);
        return gateway.conversationsAt(caller.principal(), caller.owner(), key).stream()
                .filter(c -> id.map(c.id()::equals).orElse(c.current())).findFirst()
                .orElseThrow(() -> new GatewayException(GatewayException.Kind.NOT_FOUND, id
                        .map(i -> "no conversation " + i + " at " + where)
                        .orElse("no current conversation at " + where + "; GET /api/conversations/" + where
                                + " lists its earlier ones, named with ?id=")));
    }

    private static ConversationKey address(ServerRequest req) {
        return ConversationAddress.parse(req.path().pathParameters().get("address"));
    }

    /** Writes an administrator's look at another user's conversations to the audit log, before it happens. */
    private void audited(Caller caller, String action, Optional<ConversationInfo> conversation) {
        if (!caller.foreign()) {
            return;
        }
        JsonObject.Builder detail = JsonObject.builder().put("action", action).put("owner", caller.owner().value());
        conversation.ifPresent(c -> detail.put("conversation", c.id().value())
                .put("address", ConversationAddress.format(c.key())));
        audit.get().append(new AuditEntry(clock.instant().truncatedTo(ChronoUnit.MILLIS), AuditKind.ADMIN_ACTION,
                caller.actor().name(), caller.actor().address(), caller.actor().channel(), caller.owner().value(),
                detail.build()));
    }

    /** Authenticates, reads {@code user=}, runs the handler; refusals become a 4xx or 503 with one sentence. */
    private void guarded(ServerRequest req, ServerResponse res, Handler handler) {
        try {
            Optional<Authentication.Authenticated> who = RequestAuth.authenticate(authenticator, req, res);
            if (who.isEmpty()) {
                return;
            }
            Principal principal = who.get().principal();
            UserId owner = param(req, "user").map(UserId::new).orElse(principal.id());
            if (!owner.equals(principal.id()) && !principal.admin()) {
                JsonResponses.error(res, 403, "another user's conversations are for administrators");
                return;
            }
            handler.handle(new Caller(principal, owner, RequestAuth.actor(who.get(), req)), req, res);
        } catch (GatewayException e) {
            ConversationRoutes.refuse(res, e);
        } catch (IllegalArgumentException e) {
            JsonResponses.error(res, 400, e.getMessage());
        } catch (IdentityStoreException e) {
            System.getLogger(ConversationListRoutes.class.getName()).log(System.Logger.Level.WARNING,
                    e.getMessage(), e);
            JsonResponses.error(res, 503, "the audit log is not available, so nothing was done: " + e.getMessage());
        }
    }

    private static Optional<String> param(ServerRequest req, String name) {
        return req.query().contains(name) ? Optional.of(req.query().get(name)) : Optional.empty();
    }

    /** A whole number in a range, or the default when absent; anything else is a 400 naming the parameter. */
    private static int number(ServerRequest req, String name, int min, int max, int absent) {
        Optional<String> text = param(req, name);
        if (text.isEmpty()) {
            return absent;
        }
        String range = name + " is a whole number from " + min + " to " + max;
        if (!text.get().matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException(range + ", not '" + AuditEntry.safe(text.get(), 20) + "'");
        }
        long value = Long.parseLong(text.get());
        if (value < min || value > max) {
            throw new IllegalArgumentException(range + ", not " + value);
        }
        return (int) value;
    }

    private static JsonArray infos(List<ConversationInfo> found) {
        return new JsonArray(found.stream().<JsonValue>map(ConversationListRoutes::info).toList());
    }

    /** A conversation as the routes answer it; {@code title} and {@code model} are null when unset. */
    static JsonObject info(ConversationInfo c) {
        return JsonObject.builder().put("id", c.id().value()).put("address", ConversationAddress.format(c.key()))
                .put("channel", c.key().channel()).put("name", c.key().name()).put("owner", c.owner().value())
                .put("title", nullable(c.title())).put("model", nullable(c.model()))
                .put("created", c.created().toString()).put("updated", c.updated().toString())
                .put("current", c.current()).build();
    }

    private static JsonObject message(int seq, HistoryItem item) {
        return JsonObject.builder().put("seq", seq).put("role", item.role().name().toLowerCase(java.util.Locale.ROOT))
                .put("text", item.text()).put("tool", item.tool()).put("images", item.images())
                .put("at", item.at().toString()).build();
    }

    private static JsonValue nullable(Optional<String> text) {
        return text.<JsonValue>map(dev.jclaw.api.json.JsonString::new).orElse(dev.jclaw.api.json.JsonNull.INSTANCE);
    }
}
