package dev.jclaw.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One streaming chat-completion request.
 *
 * @param model the model name; it routes to its provider
 * @param systemPrompt the system prompt, may be empty
 * @param messages the conversation, oldest first
 * @param tools the tools offered, in a stable order
 * @param maxOutputTokens the output limit, 0 for the provider's default
 * @param promptCacheKey a key for providers with prompt caching (the session id), empty for none
 */
public record ModelRequest(String model, String systemPrompt, List<ChatMessage> messages, List<ToolDefinition> tools,
                           int maxOutputTokens, String promptCacheKey) {
    /** Checks and copies the fields. */
    public ModelRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(promptCacheKey, "promptCacheKey");
        if (maxOutputTokens < 0) {
            throw new IllegalArgumentException("maxOutputTokens must not be negative");
        }
    }
}
