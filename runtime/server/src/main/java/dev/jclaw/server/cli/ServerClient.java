package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.server.http.TurnEventJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A JClaw server's agent as {@code jclaw run} and {@code jclaw chat} reach it: the conversation routes
 * ({@code /api/conversations/{name}/...}) and {@code /v1/approvals}. Every failure is a {@link ServerException} with
 * one sentence for the user.
 */
final class ServerClient implements AutoCloseable {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration SHORT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT).build();
    private final URI base;
    private final String token;

    /** Why a request to the server failed, in one sentence. */
    static final class ServerException extends Exception {
        private static final long serialVersionUID = 1L;

        ServerException(String message) {
            super(message);
        }
    }

    ServerClient(URI base, String token) {
        this.base = base;
        this.token = token;
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

    /**
     * Sends a message and hands each of the turn's events to a listener as it comes.
     *
     * @return the event that ended the turn
     */
    TurnEvent send(String conversation, JsonObject body, Consumer<TurnEvent> events)
            throws ServerException, InterruptedException {
        HttpRequest request = request("/api/conversations/" + encode(conversation) + "/messages", body)
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
                TurnEvent event = TurnEventJson.read(Json.parseObject(line.substring(5).strip()));
                events.accept(event);
                if (event instanceof TurnEvent.Done || event instanceof TurnEvent.Failed
                        || event instanceof TurnEvent.Aborted) {
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

    /** Runs a slash command: the answer's JSON ({@code handled}, {@code reply}|{@code error}, {@code follow_up}). */
    JsonObject command(String conversation, String line) throws ServerException, InterruptedException {
        return json(request("/api/conversations/" + encode(conversation) + "/commands",
                JsonObject.builder().put("line", line).build()).timeout(SHORT).build());
    }

    /** Stops the running turn of a conversation; @return whether one ran */
    boolean stop(String conversation) throws ServerException, InterruptedException {
        return json(request("/api/conversations/" + encode(conversation) + "/stop", JsonObject.EMPTY)
                .timeout(SHORT).build()).optBoolean("stopped").orElse(false);
    }

    /** Answers an approval the turn waits on. */
    void answer(String approvalId, boolean approve) throws ServerException, InterruptedException {
        json(request("/v1/approvals/" + encode(approvalId), JsonObject.builder().put("approve", approve).build())
                .timeout(SHORT).build());
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
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
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
        String message;
        try {
            message = Json.parseObject(body).optString("error").orElse(body);
        } catch (JsonException e) {
            message = body.length() > 200 ? body.substring(0, 200) + "…" : body;
        }
        return new ServerException(switch (status) {
            case 401 -> "the server at " + base + " refused the token (" + message + "); set JCLAW_TOKEN to an API"
                    + " key made with 'jclaw keys create'";
            case 403 -> "the server at " + base + " refused: " + message;
            case 404 -> "the server at " + base + " has no such endpoint or item (" + message + "); is it JClaw,"
                    + " and as new as this jclaw?";
            default -> "the server at " + base + " answered " + status + ": " + message;
        });
    }

    /** @return a path segment or query value, percent-encoded */
    static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
