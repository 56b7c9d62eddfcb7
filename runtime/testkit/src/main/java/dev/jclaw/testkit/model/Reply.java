package dev.jclaw.testkit.model;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One scripted answer of the {@link FakeModelServer}: a stream of chat-completion chunks, or an HTTP error, with
 * faults on demand.
 *
 * <pre>{@code
 * server.enqueue(Reply.text("Hello there").chunks(3));
 * server.enqueue(Reply.toolCalls().call("c1", "read", "{\"path\":\"a.md\"}").call("c2", "read", "{}"));
 * server.enqueue(Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}").header("Retry-After", "1"));
 * }</pre>
 */
public final class Reply {
    private final int status;
    private final String errorBody;
    private final Map<String, String> headers = new java.util.LinkedHashMap<>();
    private String text = "";
    private String reasoning = "";
    private int chunks = 1;
    private final List<String[]> calls = new ArrayList<>();
    private int argumentPieces = 3;
    private long promptTokens = 10;
    private long completionTokens = 5;
    private long cachedTokens;
    private boolean usage = true;
    private Duration firstDelay = Duration.ZERO;
    private Duration chunkDelay = Duration.ZERO;
    private boolean cutOff;
    private boolean malformed;
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
     * Adds a tool call; its arguments are sent split over several chunks.
     *
     * @param id the call id
     * @param name the tool
     * @param arguments the arguments text
     * @return this
     */
    public Reply call(String id, String name, String arguments) {
        calls.add(new String[] {id, name, arguments});
        return this;
    }

    /** @param n how many chunks the text is split into @return this */
    public Reply chunks(int n) {
        this.chunks = Math.max(1, n);
        return this;
    }

    /** @param n how many chunks each call's arguments are split into @return this */
    public Reply argumentPieces(int n) {
        this.argumentPieces = Math.max(1, n);
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
     * @param cached cached prompt tokens
     * @return this
     */
    public Reply usage(long prompt, long completion, long cached) {
        this.promptTokens = prompt;
        this.completionTokens = completion;
        this.cachedTokens = cached;
        this.usage = true;
        return this;
    }

    /** @return this, sending no usage chunk */
    public Reply noUsage() {
        this.usage = false;
        return this;
    }

    /** @param delay wait before the first byte @return this */
    public Reply delay(Duration delay) {
        this.firstDelay = delay;
        return this;
    }

    /** @param delay wait between chunks @return this */
    public Reply chunkDelay(Duration delay) {
        this.chunkDelay = delay;
        return this;
    }

    /** @return this, closing the connection halfway without {@code [DONE]} */
    public Reply cutOff() {
        this.cutOff = true;
        return this;
    }

    /** @return this, sending a chunk that is not JSON */
    public Reply malformed() {
        this.malformed = true;
        return this;
    }

    /** @param reason the finish reason to send @return this */
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

    boolean cutOffHalfway() {
        return cutOff;
    }

    /** @return the SSE data payloads, {@code [DONE]} excluded */
    List<String> events(String model) {
        List<String> out = new ArrayList<>();
        if (!reasoning.isEmpty()) {
            out.add(chunk(model, JsonObject.builder().put("reasoning_content", reasoning).build(), null));
        }
        if (malformed) {
            out.add("{\"id\": \"broken\", \"choices\": [ this is not json");
        }
        for (String piece : split(text, chunks)) {
            out.add(chunk(model, JsonObject.builder().put("content", piece).build(), null));
        }
        for (int i = 0; i < calls.size(); i++) {
            String[] call = calls.get(i);
            List<String> pieces = split(call[2], argumentPieces);
            for (int p = 0; p < pieces.size(); p++) {
                JsonObject.Builder function = JsonObject.builder().put("arguments", pieces.get(p));
                JsonObject.Builder toolCall = JsonObject.builder().put("index", i);
                if (p == 0) {
                    function = JsonObject.builder().put("name", call[1]).put("arguments", pieces.get(p));
                    toolCall.put("id", call[0]).put("type", "function");
                }
                toolCall.put("function", function.build());
                out.add(chunk(model, JsonObject.builder().put("tool_calls", JsonArray.of(toolCall.build())).build(),
                        null));
            }
        }
        String reason = finishReason != null ? finishReason : calls.isEmpty() ? "stop" : "tool_calls";
        out.add(chunk(model, JsonObject.EMPTY, reason));
        if (usage) {
            JsonObject u = JsonObject.builder().put("prompt_tokens", promptTokens)
                    .put("completion_tokens", completionTokens).put("total_tokens", promptTokens + completionTokens)
                    .put("prompt_tokens_details", JsonObject.builder().put("cached_tokens", cachedTokens).build())
                    .build();
            out.add(Json.write(base(model).put("choices", JsonArray.of()).put("usage", u).build()));
        }
        return out;
    }

    private static String chunk(String model, JsonObject delta, String finish) {
        JsonObject.Builder choice = JsonObject.builder().put("index", 0).put("delta", delta);
        choice.put("finish_reason", finish == null ? dev.jclaw.api.json.JsonNull.INSTANCE
                : new dev.jclaw.api.json.JsonString(finish));
        return Json.write(base(model).put("choices", JsonArray.of(choice.build())).build());
    }

    private static JsonObject.Builder base(String model) {
        return JsonObject.builder().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", model);
    }

    private static List<String> split(String s, int n) {
        List<String> out = new ArrayList<>();
        if (s.isEmpty()) {
            return out;
        }
        int size = Math.max(1, (s.length() + n - 1) / n);
        for (int i = 0; i < s.length(); i += size) {
            out.add(s.substring(i, Math.min(s.length(), i + size)));
        }
        return out;
    }

}
