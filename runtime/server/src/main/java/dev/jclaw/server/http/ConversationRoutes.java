package dev.jclaw.server.http;

import dev.jclaw.agent.EventJson;
import dev.jclaw.agent.gateway.LocalGateway;
import dev.jclaw.agent.gateway.TerminalConversation;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.TurnHandle;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.server.auth.Authentication;
import dev.jclaw.server.auth.Authenticator;
import dev.jclaw.wire.openai.SseWriter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The agent for terminal-like clients ({@code jclaw run} and {@code jclaw chat} beside or far from a server), through
 * the gateway. {@code {address}} is a {@link ConversationAddress}: {@code NAME} in the channel {@value #CHANNEL}, or
 * {@code CHANNEL:NAME} for another of the caller's own addresses:
 * <ul>
 *   <li>{@code POST /api/conversations/{address}/messages} {@code {"text": "...", "model"?: "...", "new"?: true}}
 *       answers {@code text/event-stream}: one event per turn event, its data a JSON object as {@code jclaw run
 *       --json} prints it ({@link EventJson}), the last one {@code done} or {@code failed}; a comment every 15 s
 *       while nothing happens.
 *       {@code "new": true} starts a new conversation first when the current one has messages.</li>
 *   <li>{@code POST /api/conversations/{address}/commands} {@code {"line": "/status", "model"?: "..."}} runs a slash
 *       command:
 *       {@code {"handled": true, "reply"|"error": "...", "follow_up": "..."}}, or {@code {"handled": false}} when the
 *       line is a message.</li>
 *   <li>{@code POST /api/conversations/{address}/stop} stops the caller's running turn there:
 *       {@code {"stopped": bool}}.</li>
 * </ul>
 * A user's API key or session token and the admin token authenticate; so does the local token of
 * {@code data/run/server.json}, as the person at this machine's terminal, here and at {@code /v1/approvals} only.
 * Approvals are answered at {@code POST /v1/approvals/{id}}. Listing, reading, renaming and deleting conversations:
 * {@link ConversationListRoutes}.
 *
 * <p>With the local token only, {@code X-JClaw-Workspace} ({@link WorkspaceHeader}) names the directory the turn's
 * tools work in: the terminal's own, as in-process. Any other credential sending it is refused (403): a remote caller's
 * turns work in the workspace the server chooses for its user.
 */
public final class ConversationRoutes {
    /** The channel of an address given without one. */
    public static final String CHANNEL = "cli";
    /** The largest request body: a long prompt, not a file dump. */
    static final int MAX_BODY = 1024 * 1024;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final HeaderName WORKSPACE = HeaderNames.create(WorkspaceHeader.NAME);
    private static final System.Logger LOG = System.getLogger(ConversationRoutes.class.getName());

    private final LocalGateway gateway;
    private final Authenticator authenticator;
    private final Map<String, TurnHandle> running = new ConcurrentHashMap<>();

    /**
     * Creates the routes.
     *
     * @param gateway the agent gateway
     * @param authenticator resolves credentials, the local token included
     */
    public ConversationRoutes(LocalGateway gateway, Authenticator authenticator) {
        this.gateway = gateway;
        this.authenticator = authenticator;
    }

    /**
     * Adds the routes.
     *
     * @param routing the server's routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.post("/api/conversations/{address}/messages", this::message)
                .post("/api/conversations/{address}/commands", this::command)
                .post("/api/conversations/{address}/stop", this::stop);
    }

    private void message(ServerRequest req, ServerResponse res) throws InterruptedException {
        Optional<Call> call = call(req, res, "{\"text\": \"summarise notes.md\"}");
        if (call.isEmpty()) {
            return;
        }
        Optional<String> text = string(call.get().body(), "text");
        Optional<String> model = call.get().body().get("model").isEmpty() ? Optional.of("")
                : string(call.get().body(), "model");
        Optional<Boolean> fresh = call.get().body().get("new").isEmpty() ? Optional.of(false)
                : flag(call.get().body(), "new");
        if (text.isEmpty() || text.get().isBlank() || model.isEmpty() || fresh.isEmpty()) {
            JsonResponses.error(res, 400, "send {\"text\": \"...\"} with a non-empty text, \"model\" as a string and"
                    + " \"new\" as true or false, if at all");
            return;
        }
        try {
            TerminalConversation conversation = gateway.openTerminal(call.get().principal(), call.get().key(),
                    new AgentGateway.OpenOptions(model.get(), Tier.YOLO, ""), call.get().workspace());
            if (fresh.get() && !conversation.history().isEmpty()) {
                conversation.command("/new");
            }
            BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();
            TurnHandle turn = conversation.sendFollowed(UserMessage.text(text.get()), events::add);
            String owner = call.get().owner();
            running.put(owner, turn);
            try {
                stream(res, events, turn);
            } finally {
                running.remove(owner, turn);
            }
        } catch (GatewayException e) {
            refuse(res, e);
        }
    }

    private static void stream(ServerResponse res, BlockingQueue<AgentEvent> events, TurnHandle turn)
            throws InterruptedException {
        res.status(200);
        res.header("Content-Type", SseWriter.CONTENT_TYPE);
        res.header("Cache-Control", "no-cache");
        res.header("X-Accel-Buffering", "no");
        try (OutputStream out = res.outputStream()) {
            SseWriter sse = new SseWriter(out, true);
            while (true) {
                AgentEvent event = events.poll(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                if (event == null) {
                    sse.comment("keepalive");
                    continue;
                }
                sse.event(Json.write(EventJson.of(event)));
                if (event instanceof AgentEvent.Done || event instanceof AgentEvent.Failed) {
                    return;
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            LOG.log(System.Logger.Level.DEBUG, "a terminal client left its turn's stream; stopping the turn");
            turn.stop();
        }
    }

    private void command(ServerRequest req, ServerResponse res) {
        Optional<Call> call = call(req, res, "{\"line\": \"/status\"}");
        if (call.isEmpty()) {
            return;
        }
        Optional<String> line = string(call.get().body(), "line");
        Optional<String> model = call.get().body().get("model").isEmpty() ? Optional.of("")
                : string(call.get().body(), "model");
        if (line.isEmpty() || line.get().isBlank() || model.isEmpty()) {
            JsonResponses.error(res, 400, "send {\"line\": \"/status\"} with a non-empty line, and \"model\" as a"
                    + " string, if at all");
            return;
        }
        try {
            TerminalConversation conversation = gateway.openTerminal(call.get().principal(), call.get().key(),
                    new AgentGateway.OpenOptions(model.get(), Tier.YOLO, ""), call.get().workspace());
            Optional<TerminalConversation.CommandReply> reply = conversation.command(line.get());
            JsonObject.Builder body = JsonObject.builder().put("handled", reply.isPresent());
            reply.ifPresent(r -> {
                switch (r.result()) {
                    case CommandResult.Reply ok -> body.put("reply", ok.text());
                    case CommandResult.Failed failed -> body.put("error", failed.message());
                }
                body.put("follow_up", r.followUp());
            });
            JsonResponses.send(res, 200, body.build());
        } catch (GatewayException e) {
            refuse(res, e);
        }
    }

    private void stop(ServerRequest req, ServerResponse res) {
        Optional<Call> call = call(req, res, "{}");
        if (call.isEmpty()) {
            return;
        }
        TurnHandle turn = running.get(call.get().owner());
        if (turn != null) {
            turn.stop();
        }
        JsonResponses.send(res, 200, JsonObject.builder().put("stopped", turn != null).build());
    }

    /** An authenticated request on a named conversation with its JSON body and the workspace it names, if any. */
    private record Call(Principal principal, ConversationKey key, JsonObject body, Optional<Path> workspace) {
        String owner() {
            return principal.id().value() + "/" + ConversationAddress.format(key);
        }
    }

    private Optional<Call> call(ServerRequest req, ServerResponse res, String example) {
        Authentication auth = authenticator.authenticateTerminal(req.headers().first(HeaderNames.AUTHORIZATION));
        if (auth instanceof Authentication.Refused refused) {
            res.header("WWW-Authenticate", "Bearer realm=\"jclaw\"");
            JsonResponses.error(res, 401, refused.failure().message());
            return Optional.empty();
        }
        Principal principal = ((Authentication.Authenticated) auth).principal();
        Optional<Path> workspace;
        try {
            workspace = WorkspaceHeader.read(req.headers().first(WORKSPACE),
                    ((Authentication.Authenticated) auth).credential());
        } catch (WorkspaceHeader.Refused e) {
            JsonResponses.error(res, e.status(), e.getMessage());
            return Optional.empty();
        }
        ConversationKey key;
        try {
            key = ConversationAddress.parse(req.path().pathParameters().get("address"));
        } catch (IllegalArgumentException e) {
            JsonResponses.error(res, 400, e.getMessage());
            return Optional.empty();
        }
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.regionMatches(true, 0, "application/json", 0, 16)) {
            JsonResponses.error(res, 415, "send the body as application/json: " + example);
            return Optional.empty();
        }
        try {
            byte[] bytes = new byte[0];
            if (req.content().hasEntity()) {
                try (InputStream in = req.content().inputStream()) {
                    bytes = in.readNBytes(MAX_BODY + 1);
                    if (bytes.length > MAX_BODY) {
                        JsonBodies.discardRest(in);
                    }
                }
            }
            if (bytes.length > MAX_BODY) {
                JsonResponses.error(res, 413, "this body is at most " + MAX_BODY + " bytes");
                return Optional.empty();
            }
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(new Call(principal, key, Json.parseObject(text), workspace));
        } catch (JsonException | CharacterCodingException e) {
            JsonResponses.error(res, 400, "the body must be a JSON object in UTF-8: " + example);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.empty();
    }

    /** @return the member when it is a string; empty when absent or another type (answered with a 400) */
    private static Optional<String> string(JsonObject body, String name) {
        try {
            return body.optString(name);
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    private static Optional<Boolean> flag(JsonObject body, String name) {
        try {
            return body.optBoolean(name);
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /** Answers a gateway refusal: 429 (with {@code Retry-After}), 404, 403, 400 or 503 and its sentence. */
    static void refuse(ServerResponse res, GatewayException e) {
        int status = switch (e.kind()) {
            case BUSY -> 429;
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case INVALID -> 400;
            case UNAVAILABLE -> 503;
        };
        if (status == 429) {
            res.header("Retry-After", "1");
        }
        JsonResponses.error(res, status, e.getMessage());
    }
}
