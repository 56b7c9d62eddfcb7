package dev.jclaw.server.openai;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.TurnHandle;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.server.auth.Authentication;
import dev.jclaw.server.auth.Authenticator;
import dev.jclaw.wire.openai.ChatRequest;
import dev.jclaw.wire.openai.ChatRequestParser;
import dev.jclaw.wire.openai.ErrorBody;
import dev.jclaw.wire.openai.InvalidRequestException;
import dev.jclaw.wire.openai.ModelList;
import dev.jclaw.wire.openai.RequestLimits;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The OpenAI-compatible API: {@code POST /v1/chat/completions} and {@code GET /v1/models}, authenticated by a
 * user's API key or session token. Each request is one agent turn of that user through the gateway — tools, hooks,
 * memory and compaction apply, and approvals too: a write-class call under the approval tier waits for
 * {@code POST /v1/approvals/{id}}. See docs/api.md.
 *
 * <p>The conversation: the {@code X-JClaw-Session} header names one of the user's conversations (kept on the
 * server: only the request's last user message is sent); else the {@code user} field does; else the request's own
 * messages are the conversation, which lives for this request only.
 */
public final class OpenAiApi {
    /** The header that names the conversation. */
    public static final String SESSION_HEADER = "X-JClaw-Session";
    /** The header that lowers the tier for this request: {@code read-only}, {@code approval} or {@code yolo}. */
    public static final String TIER_HEADER = "X-JClaw-Tier";
    /** The model name that means the configured default. */
    public static final String DEFAULT_MODEL = "jclaw";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AgentGateway gateway;
    private final Authenticator authenticator;
    private final ModelsConfig models;
    private final ChatRequestParser parser;

    /**
     * Creates the API.
     *
     * @param gateway the agent gateway
     * @param authenticator resolves the Authorization header to a principal
     * @param models the configured models
     * @param limits the largest request accepted
     */
    public OpenAiApi(AgentGateway gateway, Authenticator authenticator, ModelsConfig models, RequestLimits limits) {
        this.gateway = gateway;
        this.authenticator = authenticator;
        this.models = models;
        this.parser = new ChatRequestParser(limits);
    }

    /**
     * Adds the routes.
     *
     * @param routing the server's routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.post("/v1/chat/completions", this::completions)
                .get("/v1/models", this::listModels)
                .post("/v1/approvals/{id}", this::approve)
                .get("/v1/approvals", this::pending);
    }

    private Optional<Principal> principal(ServerRequest req, ServerResponse res) {
        return principal(req, res, false);
    }

    /** @param terminal whether the local CLI token is accepted too (approvals: jclaw run/chat beside the server) */
    private Optional<Principal> principal(ServerRequest req, ServerResponse res, boolean terminal) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        Authentication auth = terminal ? authenticator.authenticateTerminal(header)
                : authenticator.authenticate(header);
        if (auth instanceof Authentication.Authenticated ok) {
            return Optional.of(ok.principal());
        }
        res.header("WWW-Authenticate", "Bearer realm=\"jclaw\"");
        OpenAiErrors.send(res, 401, ErrorBody.invalidApiKey());
        return Optional.empty();
    }

    private void listModels(ServerRequest req, ServerResponse res) {
        if (principal(req, res).isEmpty()) {
            return;
        }
        List<ModelList.Model> list = new ArrayList<>();
        list.add(new ModelList.Model(DEFAULT_MODEL, 0, "jclaw"));
        models.providers().values().forEach(provider -> provider.models().keySet().forEach(name ->
                list.add(new ModelList.Model(name, 0, provider.name()))));
        res.header("Content-Type", "application/json");
        res.send(new ModelList(list).toJson().getBytes(StandardCharsets.UTF_8));
    }

    private void completions(ServerRequest req, ServerResponse res) throws InterruptedException {
        Optional<Principal> principal = principal(req, res);
        if (principal.isEmpty()) {
            return;
        }
        ChatRequest request;
        try {
            request = parser.parse(req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0]);
        } catch (InvalidRequestException e) {
            OpenAiErrors.send(res, e.status(), e.toErrorBody());
            return;
        }
        String model = request.model().equals(DEFAULT_MODEL) ? "" : request.model();
        if (!model.isEmpty() && models.route(model).isEmpty()) {
            OpenAiErrors.send(res, 404, ErrorBody.modelNotFound(request.model()));
            return;
        }
        Optional<Tier> tier = tier(req, res);
        if (tier.isEmpty()) {
            return;
        }
        Optional<ChatRequest.Message> last = request.lastUserMessage();
        if (last.isEmpty() || request.messages().getLast() != last.get()) {
            OpenAiErrors.invalid(res, "messages", "the last message must be the user's: the agent answers it");
            return;
        }
        Conversations.Choice choice;
        try {
            choice = Conversations.choose(req.headers().first(HeaderNames.create(SESSION_HEADER)), request.user());
        } catch (IllegalArgumentException e) {
            OpenAiErrors.invalid(res, SESSION_HEADER, e.getMessage());
            return;
        }
        try {
            run(req, res, principal.get(), request, model, tier.get(), choice);
        } catch (GatewayException e) {
            switch (e.kind()) {
                case BUSY -> OpenAiErrors.busy(res, e.getMessage());
                case NOT_FOUND -> OpenAiErrors.send(res, 404, new ErrorBody(e.getMessage(), ErrorBody.INVALID_REQUEST,
                        "", "not_found"));
                case FORBIDDEN -> OpenAiErrors.send(res, 403, new ErrorBody(e.getMessage(), ErrorBody.PERMISSION,
                        "", "forbidden"));
                case INVALID -> OpenAiErrors.invalid(res, "", e.getMessage());
                case UNAVAILABLE -> OpenAiErrors.send(res, 503, new ErrorBody(e.getMessage(), ErrorBody.SERVER, "",
                        "unavailable"));
            }
        }
    }

    private void run(ServerRequest req, ServerResponse res, Principal principal, ChatRequest request, String model,
                     Tier tier, Conversations.Choice choice) throws InterruptedException {
        ConversationKey key = choice.key().orElseGet(() ->
                new ConversationKey("openai", "request-" + HexFormat.of().formatHex(bytes(12))));
        GatewayConversation conversation = gateway.open(principal, key,
                new AgentGateway.OpenOptions(model, tier, ""));
        try {
            if (choice.key().isEmpty()) {
                conversation.seed(Conversations.earlier(request));
            }
            ChatRequest.Message message = request.messages().getLast();
            String prelude = "";
            String text = message.text();
            Optional<GatewayConversation.CommandReply> command = conversation.command(text);
            if (command.isPresent()) {
                prelude = switch (command.get().result()) {
                    case CommandResult.Reply r -> r.text();
                    case CommandResult.Failed f -> f.message();
                };
                text = command.get().followUp();
                if (text.isBlank()) {
                    answerOnly(res, request, prelude);
                    return;
                }
                prelude = prelude + "\n\n";
            }
            TurnBridge bridge = new TurnBridge();
            TurnHandle turn = conversation.send(Conversations.userMessage(text, command.isPresent() ? List.of()
                    : message.images()), bridge);
            CompletionWriter writer = new CompletionWriter(request.model());
            if (request.stream()) {
                writer.stream(res, bridge, turn, request.includeUsage(), prelude);
            } else {
                writer.complete(res, bridge, prelude);
            }
        } finally {
            if (choice.key().isEmpty()) {
                Conversations.forget(gateway, principal, conversation);
            }
        }
    }

    private void answerOnly(ServerResponse res, ChatRequest request, String text)
            throws InterruptedException {
        CompletionWriter writer = new CompletionWriter(request.model());
        if (request.stream()) {
            writer.stream(res, new TurnBridge(), null, request.includeUsage(), text);
        } else {
            writer.send(res, text, dev.jclaw.api.gateway.TurnEvent.TokenUsage.NONE);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static Optional<Tier> tier(ServerRequest req, ServerResponse res) {
        Optional<String> asked = req.headers().first(HeaderNames.create(TIER_HEADER));
        try {
            return Optional.of(asked.map(Tier::parse).orElse(Tier.YOLO));
        } catch (IllegalArgumentException e) {
            OpenAiErrors.invalid(res, TIER_HEADER, e.getMessage());
            return Optional.empty();
        }
    }

    private void approve(ServerRequest req, ServerResponse res) {
        Optional<Principal> principal = principal(req, res, true);
        if (principal.isPresent()) {
            Approvals.answer(gateway, principal.get(), req, res);
        }
    }

    private void pending(ServerRequest req, ServerResponse res) {
        Optional<Principal> principal = principal(req, res, true);
        if (principal.isPresent()) {
            Approvals.list(gateway, principal.get(), res);
        }
    }
}
