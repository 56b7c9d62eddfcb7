package dev.jclaw.testkit.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.wire.openai.ErrorBody;
import dev.jclaw.wire.openai.InvalidRequestException;
import dev.jclaw.wire.openai.Utf8;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An OpenAI-compatible chat-completions server on a real socket (127.0.0.1, a free port) that streams scripted
 * replies, records every request, and checks that clients speak the protocol. A request a real endpoint would
 * refuse — not JSON, not streaming, a tool result for no call, a tool call left unanswered, a tool name OpenAI
 * refuses — is answered 400 and listed in {@link #problems()}, so a test fails loudly instead of passing against a
 * lenient fake.
 *
 * <p>{@code POST /v1/chat/completions} (any path ending in {@code /chat/completions}) takes the next scripted
 * {@link Reply}, or the {@linkplain #otherwise default} when the script is empty. Each request runs on its own
 * virtual thread, so hundreds of concurrent streams are fine. {@code POST /v1/embeddings} answers with deterministic
 * vectors ({@link FakeEmbeddings}).
 *
 * <pre>{@code
 * try (FakeModelServer server = FakeModelServer.start()) {
 *     server.enqueue(Reply.text("hi"));
 *     // point the client at server.baseUrl()
 *     assertThat(server.requests().getFirst().model()).isEqualTo("gpt-test");
 *     server.assertNoProblems();
 * }
 * }</pre>
 *
 * <p>With {@link #prefixCaching(PrefixCaching)} the server computes the prompt and cached tokens of its usage
 * chunks itself, as a provider with automatic prefix caching does, and keeps them in a {@link #cacheLedger()}.
 */
public final class FakeModelServer implements AutoCloseable {
    static {
        // small SSE chunks must not wait for delayed ACKs (Nagle): 40 ms per request otherwise; and keep enough
        // idle connections for benchmarks with hundreds of concurrent sessions. Read once, when the JDK's server
        // first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        if (System.getProperty("sun.net.httpserver.maxIdleConnections") == null) {
            System.setProperty("sun.net.httpserver.maxIdleConnections", "1024");
        }
    }

    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong served = new AtomicLong();
    private final FakeEmbeddings embeddings = new FakeEmbeddings();
    private volatile Function<JsonObject, Reply> fallback = body -> Reply.text("ok");
    private volatile boolean recording = true;
    private volatile PrefixCache prefixCache;
    private volatile boolean streamingOnly = true;
    private volatile boolean systemFirstOnly;
    private volatile String apiKey = "";
    private volatile List<String> models = List.of();

    /**
     * One request as received.
     *
     * @param body the JSON body
     * @param headers header values by lower-case name
     */
    public record Recorded(JsonObject body, Map<String, List<String>> headers) {
        /** @return the model asked for */
        public String model() {
            return body.optString("model").orElse("");
        }

        /** @return the messages sent, system prompt included */
        public List<JsonObject> messages() {
            return objects("messages");
        }

        /** @return the contents of the {@code tool} messages sent, in order (tool results; the last one is newest) */
        public List<String> toolResults() {
            return messages().stream().filter(m -> m.optString("role").orElse("").equals("tool"))
                    .map(m -> m.optString("content").orElse("")).toList();
        }

        /** @return the tools offered, in order */
        public List<JsonObject> tools() {
            return objects("tools");
        }

        /** @return the names of the tools offered, in order */
        public List<String> toolNames() {
            return tools().stream().map(t -> t.optObject("function").orElseThrow().string("name")).toList();
        }

        /** @return {@code prompt_cache_key}, or empty text when none was sent */
        public String promptCacheKey() {
            return body.optString("prompt_cache_key").orElse("");
        }

        /** @return whether {@code stream_options.include_usage} asked for a usage chunk */
        public boolean includesUsage() {
            return body.optObject("stream_options").flatMap(o -> o.optBoolean("include_usage")).orElse(false);
        }

        /**
         * Returns a header.
         *
         * @param name the name, in any case
         * @return the first value, or empty text
         */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? "" : values.getFirst();
        }

        private List<JsonObject> objects(String member) {
            return body.optArray(member).orElse(JsonArray.of()).elements().stream()
                    .map(JsonObject.class::cast).toList();
        }
    }

    private FakeModelServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
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
     * Switches recording off, for benchmarks that send many requests; checking goes on.
     *
     * @param on whether to record
     * @return this
     */
    public FakeModelServer recording(boolean on) {
        this.recording = on;
        return this;
    }

    /**
     * Answers requests that do not stream with one {@code chat.completion}, as a provider does; by default they
     * are refused, since JClaw's own client always streams. For conformance runs of other clients.
     *
     * @return this
     */
    public FakeModelServer allowNonStreaming() {
        this.streamingOnly = false;
        return this;
    }

    /**
     * Refuses (400, {@value ProtocolCheck#SYSTEM_NOT_FIRST}, listed in {@link #problems()}) a request with a system
     * or developer message anywhere but first, as vLLM's and several models' chat templates do.
     *
     * @return this
     */
    public FakeModelServer systemMessageFirstOnly() {
        this.systemFirstOnly = true;
        return this;
    }

    /**
     * Requires {@code Authorization: Bearer <key>}; anything else is answered 401 {@code invalid_api_key}, as
     * OpenAI does (not a protocol problem: a client under test may send a wrong key on purpose).
     *
     * @param key the key
     * @return this
     */
    public FakeModelServer requireApiKey(String key) {
        this.apiKey = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * Serves {@code GET /v1/models} with these ids, and answers a chat request for any other model 404
     * {@code model_not_found}, as OpenAI does; by default every model name is served and the list is empty.
     *
     * @param ids the model ids
     * @return this
     */
    public FakeModelServer models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /**
     * Computes usage as a provider with automatic prefix caching does, from here on and with an empty cache: each
     * answered request's {@code prompt_tokens} is its prompt's token count ({@link PromptText},
     * {@link PromptTokenizer}) and its {@code prompt_tokens_details.cached_tokens} the longest token prefix it shares
     * with an earlier request, by the given rules; both replace what the {@link Reply} says. Requests answered with
     * an HTTP error are neither measured nor remembered. Works whether recording is on or off.
     *
     * @param rules the minimum, the block and the scope, e.g. {@link PrefixCaching#openAi()}
     * @return this
     */
    public FakeModelServer prefixCaching(PrefixCaching rules) {
        this.prefixCache = new PrefixCache(Objects.requireNonNull(rules, "rules"));
        return this;
    }

    /**
     * Returns what prefix caching reported so far.
     *
     * @return one entry per measured request, in order; empty when prefix caching is off
     */
    public CacheLedger cacheLedger() {
        PrefixCache cache = prefixCache;
        return cache == null ? new CacheLedger(List.of()) : cache.ledger();
    }

    /** @return the {@code /v1/embeddings} endpoint, to script failures and count calls */
    public FakeEmbeddings embeddings() {
        return embeddings;
    }

    /** @return the requests received and answered, in order (only while recording) */
    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** @return how many requests passed the checks and were answered, recorded or not */
    public long served() {
        return served.get();
    }

    /** @return how many scripted replies are still waiting */
    public int unusedReplies() {
        return script.size();
    }

    /** @return the protocol violations seen, in order; a well-behaved client leaves this empty */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Fails when a client broke the protocol; call it at the end of a test.
     *
     * @throws AssertionError listing every violation
     */
    public void assertNoProblems() {
        if (!problems.isEmpty()) {
            throw new AssertionError("the fake model server saw protocol violations:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Optional<Responder.Answer> reply;
        try {
            reply = accept(exchange);
        } catch (IOException | RuntimeException e) {
            exchange.close();
            throw e;
        }
        if (reply.isEmpty()) {
            exchange.close();
            return;
        }
        // not closed on purpose when cut off: the JDK's server then drops the connection instead of ending the body
        if (Responder.answer(exchange, reply.get())) {
            exchange.close();
        } else {
            throw new IOException("fake model server: connection cut off as scripted");
        }
    }

    /** Reads and checks the request; answers it when it is refused. */
    private Optional<Responder.Answer> accept(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (Responder.answeredBeforeChat(exchange, apiKey, embeddings, models)) {
            return Optional.empty();
        }
        if (!path.endsWith("/chat/completions")) {
            return fault(exchange, 404, "no route " + path + "; the fake model server serves /v1/chat/completions");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return fault(exchange, 405, exchange.getRequestMethod() + " " + path + "; expected POST");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return fault(exchange, 400, "request Content-Type is " + contentType + ", expected application/json");
        }
        JsonObject body;
        try {
            body = Json.parseObject(Utf8.decode(exchange.getRequestBody().readAllBytes()));
        } catch (InvalidRequestException e) {
            return fault(exchange, 400, "request body is not UTF-8: " + e.getMessage());
        } catch (JsonException e) {
            return fault(exchange, 400, "request body is not a JSON object: " + e.getMessage());
        }
        Optional<String> problem = ProtocolCheck.problem(body, new ProtocolCheck.Rules(streamingOnly,
                systemFirstOnly));
        if (problem.isPresent()) {
            return fault(exchange, 400, problem.get());
        }
        String model = body.string("model");
        if (!models.isEmpty() && !models.contains(model)) {
            Responder.json(exchange, 404, ErrorBody.modelNotFound(model).toJson());
            return Optional.empty();
        }
        if (recording) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new Recorded(body, headers));
        }
        served.incrementAndGet();
        Reply next = script.poll();
        Reply reply = next != null ? next : fallback.apply(body);
        PrefixCache cache = prefixCache;
        Optional<CacheLedger.Entry> measured = cache != null && reply.status() == 200 ? Optional.of(cache.measure(body))
                : Optional.empty();
        return Optional.of(new Responder.Answer(reply, model, body.optBoolean("stream").orElse(false), measured));
    }

    private Optional<Responder.Answer> fault(HttpExchange exchange, int status, String problem) throws IOException {
        problems.add(problem);
        Responder.json(exchange, status, new ErrorBody(problem, ErrorBody.INVALID_REQUEST, "", "").toJson());
        return Optional.empty();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
