package dev.jclaw.core.context;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.TokenCounter;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts everything a request sends, so that budgets hold for what the model really reads: the system prompt, each
 * message with OpenAI's per-message overhead ({@value #PER_MESSAGE} tokens, and {@value #REPLY_PRIMING} that prime
 * the answer), tool calls and tool definitions as the JSON the API receives.
 *
 * <p>Providers render tool definitions in their own ways (OpenAI as a TypeScript-like namespace), which are
 * usually shorter than the JSON: the count errs on the safe side there.
 *
 * <p>Thread-safe. Definitions are counted once and remembered: the same tools go out with every step.
 */
public final class RequestTokens {

    /** Tokens around each message: its role and delimiters. */
    public static final int PER_MESSAGE = 3;
    /** Tokens that start the model's answer. */
    public static final int REPLY_PRIMING = 3;
    /** Plugins come and go; past this many distinct definitions the memory starts over. */
    private static final int MAX_REMEMBERED_TOOLS = 1024;

    private final TokenCounter counter;
    private final Map<ToolDefinition, Integer> tools = new ConcurrentHashMap<>();

    /**
     * Creates a request counter.
     *
     * @param counter counts the texts
     */
    public RequestTokens(TokenCounter counter) {
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /**
     * Counts a whole request: system prompt, messages, tool definitions and the reply priming.
     *
     * @param request the request
     * @return its tokens
     */
    public int count(ModelRequest request) {
        long tokens = REPLY_PRIMING + systemPrompt(request.systemPrompt()) + tools(request.tools());
        for (ChatMessage message : request.messages()) {
            tokens += message(message);
        }
        return saturate(tokens);
    }

    /**
     * @param systemPrompt the system prompt
     * @return its tokens with the message overhead, 0 when empty (then it is not sent)
     */
    public int systemPrompt(String systemPrompt) {
        return systemPrompt.isEmpty() ? 0 : saturate((long) PER_MESSAGE + counter.count(systemPrompt));
    }

    /**
     * Counts one message: its text, and for a user message its images ({@value ImageInput#ESTIMATED_TOKENS} tokens
     * each, a flat estimate), for an assistant message its tool calls (name and arguments), for a tool result the
     * tool's name and the content.
     *
     * @param message the message
     * @return its tokens with the message overhead
     */
    public int message(ChatMessage message) {
        long tokens = PER_MESSAGE;
        switch (message) {
            case ChatMessage.User user -> tokens += counter.count(user.text())
                    + (long) ImageInput.ESTIMATED_TOKENS * user.images().size();
            case ChatMessage.Assistant assistant -> {
                tokens += counter.count(assistant.text());
                for (ToolCall call : assistant.toolCalls()) {
                    tokens += PER_MESSAGE + counter.count(call.name()) + counter.count(call.arguments());
                }
            }
            case ChatMessage.ToolResult result -> tokens += counter.count(result.name())
                    + counter.count(result.content());
            case ChatMessage.SystemNote note -> tokens += counter.count(note.text());
        }
        return saturate(tokens);
    }

    /**
     * @param definitions the tools offered
     * @return their tokens as JSON, 0 for none
     */
    public int tools(List<ToolDefinition> definitions) {
        long tokens = 0;
        for (ToolDefinition tool : definitions) {
            tokens += tool(tool);
        }
        return saturate(tokens);
    }

    /**
     * Counts one tool definition as the JSON the API receives:
     * {@code {"type":"function","function":{"name":…,"description":…,"parameters":…}}}, the schema written compact.
     *
     * @param tool the definition
     * @return its tokens
     */
    public int tool(ToolDefinition tool) {
        Integer known = tools.get(tool);
        if (known != null) {
            return known;
        }
        String json = "{\"type\":\"function\",\"function\":{\"name\":" + Json.quote(tool.name()) + ",\"description\":"
                + Json.quote(tool.description()) + ",\"parameters\":" + compact(tool.parametersSchema()) + "}}";
        int tokens = counter.count(json);
        if (tools.size() >= MAX_REMEMBERED_TOOLS) {
            tools.clear();
        }
        tools.put(tool, tokens);
        return tokens;
    }

    /** The schema as the adapter sends it; a schema that does not parse is counted as it is (the request fails). */
    private static String compact(String schema) {
        try {
            return Json.write(Json.parse(schema));
        } catch (JsonException e) {
            return schema;
        }
    }

    private static int saturate(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    @Override
    public String toString() {
        return "RequestTokens[" + counter.name() + "]";
    }
}
