package dev.jclaw.model.openai;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.wire.openai.ChatRequest;
import dev.jclaw.wire.openai.ChatRequest.Message;
import dev.jclaw.wire.openai.ChatRequest.Part;
import dev.jclaw.wire.openai.ChatRequest.Role;
import dev.jclaw.wire.openai.ChatRequestWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the port's request into the body of a chat-completions request, written with the one wire model
 * ({@link ChatRequestWriter}). Tool definitions are parsed once and cached: the same tools go out with every step
 * of every turn.
 */
final class Requests {
    /** Plugins come and go; past this many distinct definitions the cache starts over. */
    private static final int MAX_CACHED_TOOLS = 1024;
    private final Map<ToolDefinition, ChatRequest.ToolDefinition> tools = new ConcurrentHashMap<>();

    /**
     * Builds the body.
     *
     * @param notePlacement where the context note goes ({@link NotePlacement})
     * @throws ModelException BAD_REQUEST when a tool's parameters schema is not a JSON object
     */
    String build(ModelRequest request, String modelId, int maxOutputTokens, ModelsConfig.ContextNote notePlacement)
            throws ModelException {
        List<Message> messages = new ArrayList<>(request.messages().size() + 1);
        if (!request.systemPrompt().isEmpty()) {
            messages.add(text(Role.SYSTEM, request.systemPrompt()));
        }
        for (ChatMessage message : NotePlacement.place(request.messages(), notePlacement)) {
            messages.add(switch (message) {
                case ChatMessage.User user -> user(user);
                case ChatMessage.SystemNote note -> text(Role.SYSTEM, note.text());
                case ChatMessage.Assistant assistant -> assistant(assistant);
                case ChatMessage.ToolResult result -> new Message(Role.TOOL, List.of(new Part.Text(result.content())),
                        List.of(), result.callId(), "");
            });
        }
        List<ChatRequest.ToolDefinition> offered = new ArrayList<>(request.tools().size());
        for (ToolDefinition tool : request.tools()) {
            offered.add(tool(tool));
        }
        int max = request.maxOutputTokens() > 0 ? request.maxOutputTokens() : maxOutputTokens;
        return ChatRequestWriter.write(new ChatRequest(modelId, messages, true, true, Math.max(0, max),
                ChatRequest.Sampling.DEFAULT, "", offered, request.promptCacheKey()));
    }

    private static Message text(Role role, String text) {
        return new Message(role, List.of(new Part.Text(text)), List.of(), "", "");
    }

    /**
     * A user message: its text as a string, or, when it carries images, as content parts: the text (unless empty),
     * then each image as an {@code image_url} part, inline ones as {@code data:} URLs.
     */
    private static Message user(ChatMessage.User user) {
        if (user.images().isEmpty()) {
            return text(Role.USER, user.text());
        }
        List<Part> parts = new ArrayList<>(user.images().size() + 1);
        if (!user.text().isEmpty()) {
            parts.add(new Part.Text(user.text()));
        }
        for (ImageInput image : user.images()) {
            parts.add(new Part.Image(image.toUrl(), "auto"));
        }
        return new Message(Role.USER, parts, List.of(), "", "");
    }

    private static Message assistant(ChatMessage.Assistant assistant) {
        List<ChatRequest.ToolCall> calls = new ArrayList<>(assistant.toolCalls().size());
        for (ToolCall call : assistant.toolCalls()) {
            calls.add(new ChatRequest.ToolCall(call.id(), call.name(), call.arguments()));
        }
        List<Part> content = assistant.text().isEmpty() && !calls.isEmpty() ? List.of()
                : List.of(new Part.Text(assistant.text()));
        return new Message(Role.ASSISTANT, content, calls, "", "");
    }

    private ChatRequest.ToolDefinition tool(ToolDefinition tool) throws ModelException {
        ChatRequest.ToolDefinition cached = tools.get(tool);
        if (cached != null) {
            return cached;
        }
        JsonObject schema;
        try {
            schema = Json.parseObject(tool.parametersSchema());
        } catch (JsonException e) {
            throw new ModelException(ModelException.Kind.BAD_REQUEST, "the tool '" + tool.name()
                    + "' declares a parameters schema that is not a JSON object (" + e.getMessage() + ")");
        }
        if (tools.size() >= MAX_CACHED_TOOLS) {
            tools.clear();
        }
        ChatRequest.ToolDefinition converted = new ChatRequest.ToolDefinition(tool.name(), tool.description(), schema);
        tools.put(tool, converted);
        return converted;
    }
}
