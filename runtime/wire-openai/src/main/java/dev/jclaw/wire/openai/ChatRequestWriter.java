package dev.jclaw.wire.openai;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.wire.openai.ChatRequest.Message;
import dev.jclaw.wire.openai.ChatRequest.Part;
import dev.jclaw.wire.openai.ChatRequest.Role;
import dev.jclaw.wire.openai.ChatRequest.ToolCall;
import dev.jclaw.wire.openai.ChatRequest.ToolDefinition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ChatRequest} as the JSON body OpenAI's chat-completions endpoint takes — the other direction of
 * {@link ChatRequestParser}, which reads what this writes back to an equal request. A message whose content is one
 * text part goes out as a string, others as an array of parts; an assistant message that only calls tools has no
 * content; {@code detail} of an image is written unless it is {@code auto}, the default. Fields not given (no
 * maximum, no sampling, no user, no cache key, no tools) are left out.
 *
 * <pre>{@code
 * String body = ChatRequestWriter.write(request);
 * }</pre>
 */
public final class ChatRequestWriter {
    private static final JsonString FUNCTION = new JsonString("function");

    private ChatRequestWriter() {
    }

    /**
     * Writes a request as JSON text.
     *
     * @param request the request
     * @return the body
     */
    public static String write(ChatRequest request) {
        return Json.write(toJson(request));
    }

    /**
     * Makes the JSON object of a request.
     *
     * @param request the request
     * @return the body as an object
     */
    public static JsonObject toJson(ChatRequest request) {
        JsonObject.Builder body = JsonObject.builder().put("model", request.model());
        List<JsonValue> messages = new ArrayList<>(request.messages().size());
        for (Message message : request.messages()) {
            messages.add(message(message));
        }
        body.put("messages", new JsonArray(messages));
        if (request.stream()) {
            body.put("stream", true);
            if (request.includeUsage()) {
                body.put("stream_options", JsonObject.builder().put("include_usage", true).build());
            }
        }
        if (request.maxTokens() > 0) {
            body.put("max_completion_tokens", request.maxTokens());
        }
        request.sampling().temperature().ifPresent(t -> body.put("temperature", number(t)));
        request.sampling().topP().ifPresent(p -> body.put("top_p", number(p)));
        if (!request.user().isEmpty()) {
            body.put("user", request.user());
        }
        if (!request.tools().isEmpty()) {
            List<JsonValue> tools = new ArrayList<>(request.tools().size());
            for (ToolDefinition tool : request.tools()) {
                tools.add(tool(tool));
            }
            body.put("tools", new JsonArray(tools));
        }
        if (!request.promptCacheKey().isEmpty()) {
            body.put("prompt_cache_key", request.promptCacheKey());
        }
        return body.build();
    }

    /**
     * Makes the JSON of one offered tool, {@code {"type": "function", "function": {...}}}: callers that offer the
     * same tools with every request may keep it.
     *
     * @param tool the tool
     * @return its JSON
     */
    public static JsonObject tool(ToolDefinition tool) {
        JsonObject.Builder function = JsonObject.builder().put("name", tool.name());
        if (!tool.description().isEmpty()) {
            function.put("description", tool.description());
        }
        function.put("parameters", tool.parameters());
        return JsonObject.builder().put("type", FUNCTION).put("function", function.build()).build();
    }

    private static JsonObject message(Message message) {
        JsonObject.Builder out = JsonObject.builder().put("role", message.role().wireName());
        boolean onlyCalls = message.role() == Role.ASSISTANT && !message.toolCalls().isEmpty()
                && message.text().isEmpty() && message.images().isEmpty();
        if (!onlyCalls) {
            out.put("content", content(message.content()));
        }
        if (!message.name().isEmpty()) {
            out.put("name", message.name());
        }
        if (!message.toolCalls().isEmpty()) {
            List<JsonValue> calls = new ArrayList<>(message.toolCalls().size());
            for (ToolCall call : message.toolCalls()) {
                calls.add(JsonObject.builder().put("id", call.id()).put("type", FUNCTION)
                        .put("function", JsonObject.builder().put("name", call.name())
                                .put("arguments", call.arguments()).build()).build());
            }
            out.put("tool_calls", new JsonArray(calls));
        }
        if (message.role() == Role.TOOL) {
            out.put("tool_call_id", message.toolCallId());
        }
        return out.build();
    }

    private static JsonValue content(List<Part> parts) {
        if (parts.isEmpty()) {
            return new JsonString("");
        }
        if (parts.size() == 1 && parts.getFirst() instanceof Part.Text text) {
            return new JsonString(text.text());
        }
        List<JsonValue> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            out.add(switch (part) {
                case Part.Text text -> JsonObject.builder().put("type", "text").put("text", text.text()).build();
                case Part.Image image -> {
                    JsonObject.Builder url = JsonObject.builder().put("url", image.url());
                    if (!image.detail().equals("auto")) {
                        url.put("detail", image.detail());
                    }
                    yield JsonObject.builder().put("type", "image_url").put("image_url", url.build()).build();
                }
            });
        }
        return new JsonArray(out);
    }

    private static JsonNumber number(double value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }
}
