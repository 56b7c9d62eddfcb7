package dev.jclaw.wire.openai;

import dev.jclaw.api.json.JsonObject;

/**
 * Token usage as OpenAI reports it, with {@code prompt_tokens_details.cached_tokens} (the prompt tokens a prefix
 * cache served) and {@code completion_tokens_details.reasoning_tokens}.
 *
 * @param promptTokens the prompt's tokens
 * @param completionTokens the answer's tokens
 * @param cachedTokens the prompt tokens served from a cache, at most {@code promptTokens}
 * @param reasoningTokens the answer's tokens spent on reasoning, at most {@code completionTokens}
 */
public record Usage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {
    /** Checks the counts. */
    public Usage {
        if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** @return prompt and completion tokens together */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** @return the {@code usage} object */
    public JsonObject toJson() {
        return JsonObject.builder()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", totalTokens())
                .put("prompt_tokens_details", JsonObject.builder().put("cached_tokens", cachedTokens)
                        .put("audio_tokens", 0).build())
                .put("completion_tokens_details", JsonObject.builder().put("reasoning_tokens", reasoningTokens)
                        .put("audio_tokens", 0).put("accepted_prediction_tokens", 0)
                        .put("rejected_prediction_tokens", 0).build())
                .build();
    }

    /**
     * Reads a {@code usage} object, as a client does: missing counts are 0.
     *
     * @param usage the object
     * @return the usage
     * @throws dev.jclaw.api.json.JsonException when a count is not an integer
     */
    public static Usage fromJson(JsonObject usage) {
        long prompt = usage.optLong("prompt_tokens").orElse(0L);
        long completion = usage.optLong("completion_tokens").orElse(0L);
        long cached = usage.optObject("prompt_tokens_details").flatMap(d -> d.optLong("cached_tokens")).orElse(0L);
        long reasoning = usage.optObject("completion_tokens_details").flatMap(d -> d.optLong("reasoning_tokens"))
                .orElse(0L);
        return new Usage(Math.max(0, prompt), Math.max(0, completion), Math.max(0, cached), Math.max(0, reasoning));
    }
}
