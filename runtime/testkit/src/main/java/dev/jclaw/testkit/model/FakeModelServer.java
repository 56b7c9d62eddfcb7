package dev.jclaw.testkit.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on a real socket (127.0.0.1, a free port) that streams scripted
 * replies, records every request, and checks that clients speak the protocol: a request that is not valid
 * streaming chat-completions JSON, or that sends a tool result for no call, is answered 400 and listed in
 * {@link #problems()}.
 *
 * <pre>{@code
 * try (FakeModelServer server = FakeModelServer.start()) {
 *     server.enqueue(Reply.text("hi"));
 *     // point the client at server.baseUrl()
 *     assertThat(server.requests()).hasSize(1);
 *     assertThat(server.problems()).isEmpty();
 * }
 * }</pre>
 */
public final class FakeModelServer implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile Function<JsonObject, Reply> fallback = body -> Reply.text("ok");
    private volatile boolean recording = true;

    /**
     * One request as received.
     *
     * @param body the JSON body
     * @param headers header values by lower-case name
     */
    public record Recorded(JsonObject body, Map<String, List<String>> headers) {
        /** @return the messages sent */
        public List<JsonObject> messages() {
            return body.optArray("messages").orElse(JsonArray.of()).elements().stream()
                    .map(JsonObject.class::cast).toList();
        }

        /** @return the names of the tools offered, in order */
        public List<String> toolNames() {
            return body.optArray("tools").orElse(JsonArray.of()).elements().stream()
                    .map(t -> ((JsonObject) t).optObject("function").orElseThrow().string("name")).toList();
        }

        /**
         * Returns a header.
         *
         * @param name the lower-case name
         * @return the first value, or empty text
         */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? "" : values.getFirst();
        }
    }

    static {
        // small SSE chunks must not wait for delayed ACKs (Nagle): 40 ms per request otherwise
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeModelServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        http.setExecutor(executor);
        http.createContext("/", this::handle);
        http.start();
    }

    /**
     * Starts a server.
     *
     * @return the running server
     * @throws IOException when it cannot bind
     */
    public static FakeModelServer start() throws IOException {
        return new FakeModelServer();
    }

    /** @return the base URL to configure a client with, e.g. {@code http://127.0.0.1:4711/v1} */
    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
    }

    /**
     * Queues replies, answered in order.
     *
     * @param replies the replies
     * @return this
     */
    public FakeModelServer enqueue(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /**
     * Sets the answer when the script is empty; by default the text {@code ok}.
     *
     * @param replier makes a reply from the request body
     * @return this
     */
    public FakeModelServer otherwise(Function<JsonObject, Reply> replier) {
        this.fallback = replier;
        return this;
    }

    /**
     * Switches recording off, for benchmarks that send many requests.
     *
     * @param on whether to record
     * @return this
     */
    public FakeModelServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /** @return the requests received, in order */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** @return the protocol violations seen; a well-behaved client leaves this empty */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("POST") || !path.endsWith("/chat/completions")) {
                respond(exchange, 404, "{\"error\":{\"message\":\"no route " + path + "\"}}");
                return;
            }
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonObject body;
            try {
                body = Json.parseObject(text);
            } catch (JsonException e) {
                fault(exchange, "request body is not JSON: " + e.getMessage());
                return;
            }
            String problem = check(body);
            if (problem != null) {
                fault(exchange, problem);
                return;
            }
            if (recording) {
                Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
                requests.add(new Recorded(body, headers));
            }
            Reply reply = script.poll();
            stream(exchange, reply != null ? reply : fallback.apply(body), body.optString("model").orElse("fake"));
        }
    }

    private void stream(HttpExchange exchange, Reply reply, String model) throws IOException {
        sleep(reply.firstDelay().toMillis());
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        if (reply.status() != 200) {
            respond(exchange, reply.status(), reply.errorBody());
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        List<String> events = reply.events(model);
        int last = reply.cutOffHalfway() ? Math.max(1, events.size() / 2) : events.size();
        for (int i = 0; i < last; i++) {
            if (i > 0) {
                sleep(reply.chunkDelay().toMillis());
            }
            out.write(("data: " + events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (!reply.cutOffHalfway()) {
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private String check(JsonObject body) {
        try {
            if (!body.optBoolean("stream").orElse(false)) {
                return "request is not streaming (stream: true missing)";
            }
            if (body.optString("model").orElse("").isBlank()) {
                return "request names no model";
            }
            JsonArray messages = body.optArray("messages").orElse(null);
            if (messages == null || messages.size() == 0) {
                return "request has no messages";
            }
            Set<String> openCalls = new HashSet<>();
            for (JsonValue m : messages.elements()) {
                JsonObject message = (JsonObject) m;
                String role = message.string("role");
                if (role.equals("assistant")) {
                    for (JsonValue c : message.optArray("tool_calls").orElse(JsonArray.of()).elements()) {
                        openCalls.add(((JsonObject) c).string("id"));
                    }
                } else if (role.equals("tool") && !openCalls.remove(message.string("tool_call_id"))) {
                    return "tool result for call " + message.string("tool_call_id") + " follows no tool call";
                } else if (!Set.of("system", "developer", "user", "tool").contains(role)) {
                    return "unknown role " + role;
                }
            }
            return null;
        } catch (JsonException | ClassCastException e) {
            return "malformed request: " + e.getMessage();
        }
    }

    private void fault(HttpExchange exchange, String problem) throws IOException {
        problems.add(problem);
        respond(exchange, 400, Json.write(JsonObject.builder().put("error",
                JsonObject.builder().put("message", problem).put("type", "invalid_request_error").build()).build()));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
