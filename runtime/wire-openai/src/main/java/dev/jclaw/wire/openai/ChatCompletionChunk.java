package dev.jclaw.wire.openai;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import java.util.Objects;

/**
 * The chunks of a streamed answer, {@code "object": "chat.completion.chunk"}, written as OpenAI writes them. One
 * {@code Stream} object per answer holds what every chunk repeats (id, created, model, fingerprint) and whether the
 * client asked for usage (then every chunk carries {@code "usage": null} and the last one the usage, with empty
 * {@code choices}).
 *
 * <pre>{@code
 * ChatCompletionChunk.Stream s = new ChatCompletionChunk.Stream(ChatCompletion.newId(), now, "jclaw", "", true);
 * sse.event(s.role());
 * sse.event(s.content("Hel"));
 * sse.event(s.content("lo"));
 * sse.event(s.finish("stop"));
 * sse.event(s.usage(new Usage(1200, 5, 1024, 0)));
 * sse.done();
 * }</pre>
 */
public final class ChatCompletionChunk {
    private ChatCompletionChunk() {
    }

    /**
     * What every chunk of one answer repeats.
     *
     * @param id {@code chatcmpl-...}, the same in every chunk
     * @param created Unix seconds, the same in every chunk
     * @param model the model that answers
     * @param systemFingerprint written when not empty
     * @param includeUsage whether the client asked for a usage chunk ({@code stream_options.include_usage})
     */
    public record Stream(String id, long created, String model, String systemFingerprint, boolean includeUsage) {
        /** Checks the fields. */
        public Stream {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(systemFingerprint, "systemFingerprint");
        }

        /** @return the first chunk: {@code {"role": "assistant", "content": ""}} */
        public String role() {
            return choice(JsonObject.builder().put("role", "assistant").put("content", "")
                    .put("refusal", JsonNull.INSTANCE).build(), "");
        }

        /**
         * A piece of the answer.
         *
         * @param text the piece
         * @return the chunk
         */
        public String content(String text) {
            return choice(JsonObject.builder().put("content", text).build(), "");
        }

        /**
         * A piece of reasoning, as {@code reasoning_content} (DeepSeek's and vLLM's name; OpenAI's own clients
         * keep the unknown member).
         *
         * @param text the piece
         * @return the chunk
         */
        public String reasoning(String text) {
            return choice(JsonObject.builder().put("reasoning_content", text).build(), "");
        }

        /**
         * The first piece of a tool call: its index, id, name and the first arguments (may be empty).
         *
         * @param index the call's index in the answer
         * @param callId its id
         * @param name the function's name
         * @param arguments the first piece of its arguments
         * @return the chunk
         */
        public String toolCallStart(int index, String callId, String name, String arguments) {
            JsonObject call = JsonObject.builder().put("index", index).put("id", callId).put("type", "function")
                    .put("function", JsonObject.builder().put("name", name).put("arguments", arguments).build())
                    .build();
            return choice(JsonObject.builder().put("tool_calls", JsonArray.of(call)).build(), "");
        }

        /**
         * A further piece of a tool call's arguments.
         *
         * @param index the call's index in the answer
         * @param arguments the piece
         * @return the chunk
         */
        public String toolCallArguments(int index, String arguments) {
            JsonObject call = JsonObject.builder().put("index", index)
                    .put("function", JsonObject.builder().put("arguments", arguments).build()).build();
            return choice(JsonObject.builder().put("tool_calls", JsonArray.of(call)).build(), "");
        }

        /**
         * The chunk that ends the choice: an empty delta and the finish reason.
         *
         * @param reason {@code stop}, {@code length}, {@code tool_calls} or {@code content_filter}
         * @return the chunk
         */
        public String finish(String reason) {
            if (reason.isEmpty()) {
                throw new IllegalArgumentException("a finish chunk needs a reason");
            }
            return choice(JsonObject.EMPTY, reason);
        }

        /**
         * The usage chunk, sent after the finish chunk when the client asked for it: empty {@code choices}.
         *
         * @param usage the usage
         * @return the chunk
         */
        public String usage(Usage usage) {
            return Json.write(base().put("choices", JsonArray.of()).put("usage", usage.toJson()).build());
        }

        private String choice(JsonObject delta, String finishReason) {
            JsonObject choice = JsonObject.builder().put("index", 0).put("delta", delta)
                    .put("logprobs", JsonNull.INSTANCE)
                    .put("finish_reason", finishReason.isEmpty() ? JsonNull.INSTANCE : new JsonString(finishReason))
                    .build();
            JsonObject.Builder chunk = base().put("choices", JsonArray.of(choice));
            if (includeUsage) {
                chunk.put("usage", JsonNull.INSTANCE);
            }
            return Json.write(chunk.build());
        }

        private JsonObject.Builder base() {
            JsonObject.Builder b = JsonObject.builder().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", created).put("model", model);
            if (!systemFingerprint.isEmpty()) {
                b.put("system_fingerprint", systemFingerprint);
            }
            return b;
        }
    }
}
