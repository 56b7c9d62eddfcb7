package dev.jclaw.wire.openai;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A non-streaming answer, {@code "object": "chat.completion"}, with one choice, written as OpenAI writes it.
 *
 * <pre>{@code
 * String id = ChatCompletion.newId();
 * ChatCompletion done = new ChatCompletion(id, created, "jclaw", "", "Hello!", "", List.of(), "stop", usage);
 * respond(200, done.toJson());
 * }</pre>
 *
 * @param id {@code chatcmpl-...}, see {@link #newId()}
 * @param created Unix seconds
 * @param model the model that answered
 * @param systemFingerprint written when not empty
 * @param content the answer text
 * @param reasoning reasoning, written as {@code reasoning_content} when not empty
 * @param toolCalls tool calls, written as {@code tool_calls} when not empty
 * @param finishReason {@code stop}, {@code length}, {@code tool_calls} or {@code content_filter}
 * @param usage the usage
 */
public record ChatCompletion(String id, long created, String model, String systemFingerprint, String content,
                             String reasoning, List<ToolCall> toolCalls, String finishReason, Usage usage) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks and copies the fields. */
    public ChatCompletion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemFingerprint, "systemFingerprint");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(reasoning, "reasoning");
        toolCalls = List.copyOf(toolCalls);
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * A complete tool call of an answer.
     *
     * @param id the call id
     * @param name the function's name
     * @param arguments the arguments, JSON text
     */
    public record ToolCall(String id, String name, String arguments) {
        /** Checks the fields. */
        public ToolCall {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(arguments, "arguments");
        }

        JsonObject toJson() {
            return JsonObject.builder().put("id", id).put("type", "function").put("function",
                    JsonObject.builder().put("name", name).put("arguments", arguments).build()).build();
        }
    }

    /** @return a fresh id: {@code chatcmpl-} and 24 random hex digits */
    public static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "chatcmpl-" + HexFormat.of().formatHex(bytes);
    }

    /** @return the answer as JSON text */
    public String toJson() {
        JsonObject.Builder message = JsonObject.builder().put("role", "assistant")
                .put("content", content.isEmpty() && !toolCalls.isEmpty() ? JsonNull.INSTANCE : new JsonString(content))
                .put("refusal", JsonNull.INSTANCE);
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning);
        }
        if (!toolCalls.isEmpty()) {
            List<JsonValue> calls = new ArrayList<>(toolCalls.size());
            toolCalls.forEach(c -> calls.add(c.toJson()));
            message.put("tool_calls", new JsonArray(calls));
        }
        message.put("annotations", JsonArray.of());
        JsonObject choice = JsonObject.builder().put("index", 0).put("message", message.build())
                .put("logprobs", JsonNull.INSTANCE).put("finish_reason", finishReason).build();
        JsonObject.Builder out = JsonObject.builder().put("id", id).put("object", "chat.completion")
                .put("created", created).put("model", model).put("choices", JsonArray.of(choice))
                .put("usage", usage.toJson());
        if (!systemFingerprint.isEmpty()) {
            out.put("system_fingerprint", systemFingerprint);
        }
        return Json.write(out.build());
    }
}
