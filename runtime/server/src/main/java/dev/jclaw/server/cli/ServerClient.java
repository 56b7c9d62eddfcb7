package dev.jclaw.server.cli;

import dev.jclaw.agent.EventJson;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.gateway.ApprovalAnswer;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.server.http.WorkspaceHeader;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A JClaw server's agent as {@code jclaw run} and {@code jclaw chat} reach it: the conversation routes
 * ({@code /api/conversations/{name}/...}) and {@code /v1/approvals}. Every failure is a {@link ServerException} with
 * one sentence for the user. A client of the server on this JClaw home names the workspace of its turns
 * ({@link WorkspaceHeader}); a client of another server works where that server says.
 */
final class ServerClient implements AgentLink {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private final URI base;
    private final String token;
    private final Optional<Path> workspace;

    /** Why a request to the server failed, in one sentence. */
    static final class ServerException extends LinkException {
        private static final long serialVersionUID = 1L;

        ServerException(String message) {
            super(message);
        }
    }

    ServerClient(URI base, String token) {
        this(base, token, Optional.empty());
    }

    /**
     * Creates a client.
     *
     * @param base the server's base URL
     * @param token the bearer token
     * @param workspace the directory the turns work in, sent only to the server on this JClaw home (its local token
     *                  is the one credential allowed to name one)
     */
    ServerClient(URI base, String token, Optional<Path> workspace) {
        this.base = base;
        this.token = token;
        this.workspace = workspace;
    }

    /** Ends the client's connections and its selector thread, so nothing runs on while the JVM exits. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    /** @return the server's base URL */
    URI base() {
        return base;
    }

    /** @return whether the server answers {@code /health} */
    boolean healthy() {
        return healthy(http, base);
    }

    /**
     * Asks a server's {@code /health}, waiting at most 2 s.
     *
     * @param http the client to ask with
     * @param base the server's URL
     * @return whether it answered 200
     */
    static boolean healthy(HttpClient http, URI base) {
        try {
            HttpResponse<Void> res = http.send(HttpRequest.newBuilder(base.resolve("/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return res.statusCode() == 200;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String where() {
        return workspace.map(w -> ", workspace " + w).orElse(" on the server at " + base);
    }

    @Override
    public AgentEvent send(String conversation, Message message, Consumer<AgentEvent> events)
            throws ServerException, InterruptedException {
        JsonObject.Builder body = JsonObject.builder().put("text", message.text()).put("new", message.fresh());
        if (!message.model().isEmpty()) {
            body.put("model", message.model());
        }
        HttpRequest request = request("/api/conversations/" + encode(conversation) + "/messages", body.build())
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> res = call(request, HttpResponse.BodyHandlers.ofLines());
        if (res.statusCode() != 200) {
            String text;
            try (Stream<String> lines = res.body()) {
                text = String.join("\n", lines.toList());
            }
            throw refused(res.statusCode(), text);
        }
        try (Stream<String> lines = res.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue; // comments (keepalive) and blank separators
                }
                AgentEvent event = EventJson.read(Json.parseObject(line.substring(5).strip()));
                events.accept(event);
                if (event instanceof AgentEvent.Done || event instanceof AgentEvent.Failed) {
                    return event;
                }
            }
        } catch (JsonException e) {
            throw new ServerException("the server at " + base + " sent an event this jclaw cannot read ("
                    + e.getMessage() + "); are the two the same version?");
        } catch (java.io.UncheckedIOException e) {
            throw new ServerException("the connection to the server at " + base + " broke during the turn");
        }
        throw new ServerException("the server at " + base + " ended the turn's stream without an answer");
    }

    @Override
    public Optional<GatewayConversation.CommandReply> command(String conversation, String model, String line)
            throws ServerException, InterruptedException {
        JsonObject.Builder body = JsonObject.builder().put("line", line);
        if (!model.isEmpty()) {
            body.put("model", model);
        }
        JsonObject reply = json(request("/api/conversations/" + encode(conversation) + "/commands", body.build())
                .timeout(SHORT).build());
        try {
            if (!reply.optBoolean("handled").orElse(false)) {
                return Optional.empty();
            }
            Optional<String> error = reply.optString("error");
            CommandResult result = error.isPresent() ? new CommandResult.Failed(error.get())
                    : new CommandResult.Reply(reply.optString("reply").orElse(""));
            return Optional.of(new GatewayConversation.CommandReply(result,
                    reply.optString("follow_up").orElse("")));
        } catch (JsonException e) {
            throw new ServerException("the server at " + base + " answered a command in a shape this jclaw cannot"
                    + " read; are the two the same version?");
        }
    }

    @Override
    public boolean stop(String conversation) throws ServerException, InterruptedException {
        return json(request("/api/conversations/" + encode(conversation) + "/stop", JsonObject.EMPTY)
                .timeout(SHORT).build()).optBoolean("stopped").orElse(false);
    }

    @Override
    public void answer(String approvalId, boolean approve) throws ServerException, InterruptedException {
        HttpResponse<String> res = call(request("/v1/approvals/" + encode(approvalId), JsonObject.builder()
                .put("approve", approve).build()).timeout(SHORT).build(), HttpResponse.BodyHandlers.ofString());
        // in the words the terminal uses in-process
        Optional<String> problem = AgentLink.problem(approvalId, switch (res.statusCode()) {
            case 200 -> ApprovalAnswer.ACCEPTED;
            case 403 -> ApprovalAnswer.FORBIDDEN;
            case 404 -> ApprovalAnswer.NOT_FOUND;
            case 410 -> ApprovalAnswer.EXPIRED;
            default -> throw refused(res.statusCode(), res.body());
        });
        if (problem.isPresent()) {
            throw new ServerException(problem.get());
        }
    }

    private JsonObject json(HttpRequest request) throws ServerException, InterruptedException {
        HttpResponse<String> res = call(request, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw refused(res.statusCode(), res.body());
        }
        try {
            return Json.parseObject(res.body());
        } catch (JsonException e) {
            throw new ServerException("the server at " + base + " answered something that is not JSON");
        }
    }

    private HttpRequest.Builder request(String path, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        workspace.ifPresent(w -> request.header(WorkspaceHeader.NAME, WorkspaceHeader.encode(w)));
        return request;
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws ServerException, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new ServerException("no JClaw server answers at " + base + "; check the URL, or start it with"
                    + " 'jclaw serve'");
        } catch (HttpTimeoutException e) {
            throw new ServerException("the JClaw server at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new ServerException("could not talk to the JClaw server at " + base + ": "
                    + Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName()));
        }
    }

    /**
     * Sends a request to one of the server's JSON endpoints, for the commands that read its answers themselves
     * ({@code jclaw memory}).
     *
     * @param method the HTTP method
     * @param pathAndQuery e.g. {@code /api/memory?q=vpn}, encoded
     * @param body the JSON body, if any
     * @param timeout how long to wait for the answer; empty for as long as it takes
     * @return the answer, whatever its status
     * @throws ServerException when the server cannot be reached
     */
    HttpResponse<String> exchange(String method, String pathAndQuery, Optional<JsonObject> body,
                                  Optional<Duration> timeout) throws ServerException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .method(method, body.map(b -> HttpRequest.BodyPublishers.ofString(Json.write(b)))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        body.ifPresent(b -> request.header("Content-Type", "application/json"));
        timeout.ifPresent(request::timeout);
        return call(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * @param status a refusal's status
     * @param body its body
     * @return the sentence for a refusal the caller does not explain better itself
     */
    ServerException refused(int status, String body) {
        String message = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        try {
            // {"error": "..."} of the JClaw routes, or {"error": {"message": "..."}} of the OpenAI-shaped ones
            Optional<JsonValue> error = Json.parseObject(body).get("error");
            if (error.isPresent() && error.get() instanceof JsonObject o) {
                message = o.optString("message").orElse(message);
            } else if (error.isPresent()) {
                message = Json.parseObject(body).optString("error").orElse(message);
            }
        } catch (JsonException e) {
            // not JSON: the text itself, cut
        }
        return new ServerException(switch (status) {
            case 401 -> "the server at " + base + " refused the token (" + message + "); set JCLAW_TOKEN to an API"
                    + " key made with 'jclaw keys create'";
            case 403 -> "the server at " + base + " refused: " + message;
            case 404 -> "the server at " + base + " has no such endpoint or item (" + message + "); is it JClaw,"
                    + " and as new as this jclaw?";
            // the gateway's own sentence, as in-process: an unknown model, a full queue, a workspace it cannot use
            case 400, 429, 503 -> message;
            default -> "the server at " + base + " answered " + status + ": " + message;
        });
    }

    /** @return a path segment or query value, percent-encoded */
    static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
