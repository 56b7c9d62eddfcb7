package dev.jclaw.testkit.model;

import dev.jclaw.wire.openai.ChatCompletion;
import dev.jclaw.wire.openai.ChatCompletionChunk;
import dev.jclaw.wire.openai.ErrorBody;
import dev.jclaw.wire.openai.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scripted answer of the {@link FakeModelServer}: a stream of chat-completion chunks as OpenAI sends them (a
 * role chunk, content or tool-call pieces, a finish chunk, a usage chunk, {@code [DONE]}), or an HTTP error, with
 * faults on demand. Build it completely before handing it to the server.
 *
 * <pre>{@code
 * server.enqueue(Reply.text("Hello there").chunks(3).usage(1200, 5, 1024));
 * server.enqueue(Reply.toolCalls().call("c1", "read", "{\"path\":\"a.md\"}").call("c2", "grep", "{}").interleaved());
 * server.enqueue(Reply.rateLimited(Duration.ofSeconds(2)), Reply.text("made it"));
 * server.enqueue(Reply.text("a long answer").chunks(8).cutOff());
 * }</pre>
 */
public final class Reply {
    /** What every answer says of when it was made: fixed, so that answers repeat byte for byte but for their id. */
    private static final long CREATED = 1_700_000_000L;
    private final int status;
    private final String errorBody;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String[]> calls = new ArrayList<>();
    private String text = "";
    private String reasoning = "";
    private int chunks = 1;
    private int argumentPieces = 3;
    private boolean interleaved;
    private long promptTokens = 10;
    private long completionTokens = 5;
    private long cachedTokens;
    private long reasoningTokens;
    private boolean usage = true;
    private Duration firstDelay = Duration.ZERO;
    private Duration chunkDelay = Duration.ZERO;
    private boolean cutOff;
    private boolean malformed;
    private String streamError;
    private String finishReason;

    private Reply(int status, String errorBody) {
        this.status = status;
        this.errorBody = errorBody;
    }

    /**
     * A text answer.
     *
     * @param text the answer
     * @return the reply
     */
    public static Reply text(String text) {
        Reply reply = new Reply(200, "");
        reply.text = text;
        return reply;
    }

    /** @return a reply of tool calls; add them with {@link #call} */
    public static Reply toolCalls() {
        return new Reply(200, "");
    }

    /**
     * An HTTP error.
     *
     * @param status the status
     * @param body the body (JSON, as providers send it)
     * @return the reply
     */
    public static Reply error(int status, String body) {
        return new Reply(status, body);
    }

    /**
     * HTTP 429 with {@code Retry-After} in whole seconds, as OpenAI sends it.
     *
     * @param retryAfter the wait asked for
     * @return the reply
     */
    public static Reply rateLimited(Duration retryAfter) {
        return error(429, "{\"error\":{\"message\":\"Rate limit reached; please try again later.\","
                + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .header("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    /** @return HTTP 400 {@code context_length_exceeded}, as OpenAI sends it when the prompt is too long */
    public static Reply contextOverflow() {
        return error(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens. However,"
                + " your messages resulted in 9001 tokens. Please reduce the length of the messages.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"context_length_exceeded\"}}");
    }

    /**
     * Adds a tool call; its id and name come in its first chunk only, its arguments in {@link #argumentPieces}
     * chunks after it.
     *
     * @param id the call id
     * @param name the tool
     * @param arguments the arguments text, sent as it is (malformed JSON included)
     * @return this
     */
    public Reply call(String id, String name, String arguments) {
        calls.add(new String[] {id, name, arguments});
        return this;
    }

    /** @param n how many chunks the text and the reasoning are each split into @return this */
    public Reply chunks(int n) {
        this.chunks = Math.max(1, n);
        return this;
    }

    /** @param n how many chunks each call's arguments are split into @return this */
    public Reply argumentPieces(int n) {
        this.argumentPieces = Math.max(1, n);
        return this;
    }

    /** @return this, sending the chunks of parallel calls round-robin instead of one call after the other */
    public Reply interleaved() {
        this.interleaved = true;
        return this;
    }

    /** @param text reasoning sent as {@code reasoning_content} before the answer @return this */
    public Reply reasoning(String text) {
        this.reasoning = text;
        return this;
    }

    /**
     * Sets the usage chunk.
     *
     * @param prompt prompt tokens
     * @param completion completion tokens
     * @param cached cached prompt tokens ({@code prompt_tokens_details.cached_tokens})
     * @return this; the server's own count replaces prompt and cached tokens when it computes
     *     {@linkplain FakeModelServer#prefixCaching prefix caching}
     */
    public Reply usage(long prompt, long completion, long cached) {
        this.promptTokens = prompt;
        this.completionTokens = completion;
        this.cachedTokens = cached;
        this.usage = true;
        return this;
    }

    /** @param n reasoning tokens ({@code completion_tokens_details.reasoning_tokens}) @return this */
    public Reply reasoningTokens(long n) {
        this.reasoningTokens = n;
        return this;
    }

    /** @return this, sending no usage chunk */
    public Reply noUsage() {
        this.usage = false;
        return this;
    }

    /** @param delay wait before the response headers @return this */
    public Reply delay(Duration delay) {
        this.firstDelay = delay;
        return this;
    }

    /** @param delay wait between chunks @return this */
    public Reply chunkDelay(Duration delay) {
        this.chunkDelay = delay;
        return this;
    }

    /** @return this, dropping the connection halfway through the answer: no finish chunk, no {@code [DONE]} */
    public Reply cutOff() {
        this.cutOff = true;
        return this;
    }

    /** @return this, sending a chunk that is not JSON before the answer */
    public Reply malformed() {
        this.malformed = true;
        return this;
    }

    /**
     * Ends the stream with an error event instead of a finish chunk, as providers do when they fail midway.
     *
     * @param message the error's message
     * @return this
     */
    public Reply streamError(String message) {
        this.streamError = message;
        return this;
    }

    /** @param reason the finish reason to send, e.g. {@code length} @return this */
    public Reply finish(String reason) {
        this.finishReason = reason;
        return this;
    }

    /**
     * Adds a response header.
     *
     * @param name the name
     * @param value the value
     * @return this
     */
    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String errorBody() {
        return errorBody;
    }

    Map<String, String> headers() {
        return headers;
    }

    Duration firstDelay() {
        return firstDelay;
    }

    Duration chunkDelay() {
        return chunkDelay;
    }

    boolean cutsOff() {
        return cutOff;
    }

    /** The SSE data payloads, {@code [DONE]} excluded, and how many of them to send. */
    record Events(List<String> payloads, int sent) {
    }

    Events events(String model, Optional<CacheLedger.Entry> measured) {
        ChatCompletionChunk.Stream s = new ChatCompletionChunk.Stream(ChatCompletion.newId(), CREATED, model, "",
                true);
        List<String> out = new ArrayList<>();
        out.add(s.role());
        for (String piece : split(reasoning, chunks)) {
            out.add(s.reasoning(piece));
        }
        if (malformed) {
            out.add("{\"id\": \"broken\", \"choices\": [ this is not json");
        }
        for (String piece : split(text, chunks)) {
            out.add(s.content(piece));
        }
        out.addAll(toolCallChunks(s));
        if (streamError != null) {
            out.add(new ErrorBody(streamError, ErrorBody.SERVER, "", "").toJson());
            return new Events(out, out.size());
        }
        int finish = out.size();
        if (!finishReason().isEmpty()) { // finish("") scripts a stream that never says it finished
            out.add(s.finish(finishReason()));
        }
        if (usage) {
            out.add(s.usage(usage(measured)));
        }
        return new Events(out, cutOff ? Math.min(finish, Math.max(2, (finish + 1) / 2)) : out.size());
    }

    /** The same answer in one piece, for a request that does not stream. */
    String completion(String model, Optional<CacheLedger.Entry> measured) {
        List<ChatCompletion.ToolCall> toolCalls = calls.stream()
                .map(c -> new ChatCompletion.ToolCall(c[0], c[1], c[2])).toList();
        return new ChatCompletion(ChatCompletion.newId(), CREATED, model, "", text, reasoning, toolCalls,
                finishReason(), usage(measured)).toJson();
    }

    private String finishReason() {
        return finishReason != null ? finishReason : calls.isEmpty() ? "stop" : "tool_calls";
    }

    private Usage usage(Optional<CacheLedger.Entry> measured) {
        long prompt = measured.map(CacheLedger.Entry::promptTokens).orElse(promptTokens);
        long cached = measured.map(CacheLedger.Entry::cachedTokens).orElse(cachedTokens);
        return new Usage(prompt, completionTokens, cached, reasoningTokens);
    }

    private List<String> toolCallChunks(ChatCompletionChunk.Stream s) {
        List<List<String>> perCall = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            String[] call = calls.get(i);
            List<String> chunksOfCall = new ArrayList<>();
            chunksOfCall.add(s.toolCallStart(i, call[0], call[1], ""));
            for (String piece : split(call[2], argumentPieces)) {
                chunksOfCall.add(s.toolCallArguments(i, piece));
            }
            perCall.add(chunksOfCall);
        }
        List<String> out = new ArrayList<>();
        if (!interleaved) {
            perCall.forEach(out::addAll);
            return out;
        }
        for (int round = 0; out.size() < perCall.stream().mapToInt(List::size).sum(); round++) {
            for (List<String> c : perCall) {
                if (round < c.size()) {
                    out.add(c.get(round));
                }
            }
        }
        return out;
    }

    /** Splits into about n pieces, never inside a surrogate pair. */
    private static List<String> split(String s, int n) {
        List<String> out = new ArrayList<>();
        int codePoints = s.codePointCount(0, s.length());
        if (codePoints == 0) {
            return out;
        }
        int size = Math.max(1, (codePoints + n - 1) / n);
        int start = 0;
        while (start < s.length()) {
            int end = s.offsetByCodePoints(start, Math.min(size, s.codePointCount(start, s.length())));
            out.add(s.substring(start, end));
            start = end;
        }
        return out;
    }
}
