package dev.jclaw.model.openai;

import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.chat.completions.ChatCompletionUserMessageParam;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonNumber;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the port's request into the SDK's parameters. Tool definitions are converted once and cached: the same
 * tools go out with every step of every turn.
 */
final class Requests {
    /** Plugins come and go; past this many distinct definitions the cache starts over. */
    private static final int MAX_CACHED_TOOLS = 1024;
    private final Map<ToolDefinition, ChatCompletionFunctionTool> tools = new ConcurrentHashMap<>();

    /**
     * Builds the parameters.
     *
     * @param notePlacement where the context note goes ({@link NotePlacement})
     * @throws ModelException BAD_REQUEST when a tool's parameters schema is not a JSON object
     */
    ChatCompletionCreateParams build(ModelRequest request, String modelId, int maxOutputTokens,
                                     ModelsConfig.ContextNote notePlacement) throws ModelException {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(modelId)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        if (!request.systemPrompt().isEmpty()) {
            params.addMessage(ChatCompletionSystemMessageParam.builder().content(request.systemPrompt()).build());
        }
        for (ChatMessage message : NotePlacement.place(request.messages(), notePlacement)) {
            switch (message) {
                case ChatMessage.User user -> params.addMessage(user(user));
                case ChatMessage.SystemNote note ->
                        params.addMessage(ChatCompletionSystemMessageParam.builder().content(note.text()).build());
                case ChatMessage.Assistant assistant -> params.addMessage(assistant(assistant));
                case ChatMessage.ToolResult result -> params.addMessage(ChatCompletionToolMessageParam.builder()
                        .toolCallId(result.callId()).content(result.content()).build());
            }
        }
        for (ToolDefinition tool : request.tools()) {
            params.addTool(tool(tool));
        }
        int max = request.maxOutputTokens() > 0 ? request.maxOutputTokens() : maxOutputTokens;
        if (max > 0) {
            params.maxCompletionTokens(max);
        }
        if (!request.promptCacheKey().isEmpty()) {
            params.promptCacheKey(request.promptCacheKey());
        }
        return params.build();
    }

    /**
     * A user message: its text as a string, or, when it carries images, as content parts: the text (unless empty),
     * then each image as an {@code image_url} part, inline ones as {@code data:} URLs.
     */
    private static ChatCompletionUserMessageParam user(ChatMessage.User user) {
        if (user.images().isEmpty()) {
            return ChatCompletionUserMessageParam.builder().content(user.text()).build();
        }
        List<ChatCompletionContentPart> parts = new ArrayList<>(user.images().size() + 1);
        if (!user.text().isEmpty()) {
            parts.add(ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(user.text())
                    .build()));
        }
        for (ImageInput image : user.images()) {
            parts.add(ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                    .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(image.toUrl()).build()).build()));
        }
        return ChatCompletionUserMessageParam.builder().contentOfArrayOfContentParts(parts).build();
    }

    private static ChatCompletionAssistantMessageParam assistant(ChatMessage.Assistant assistant) {
        ChatCompletionAssistantMessageParam.Builder b = ChatCompletionAssistantMessageParam.builder();
        if (!assistant.text().isEmpty() || assistant.toolCalls().isEmpty()) {
            b.content(assistant.text());
        }
        for (ToolCall call : assistant.toolCalls()) {
            b.addToolCall(ChatCompletionMessageToolCall.ofFunction(ChatCompletionMessageFunctionToolCall.builder()
                    .id(call.id())
                    .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                            .name(call.name()).arguments(call.arguments()).build())
                    .build()));
        }
        return b.build();
    }

    private ChatCompletionFunctionTool tool(ToolDefinition tool) throws ModelException {
        ChatCompletionFunctionTool cached = tools.get(tool);
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
        ChatCompletionFunctionTool converted = convert(tool, schema);
        tools.put(tool, converted);
        return converted;
    }

    private static ChatCompletionFunctionTool convert(ToolDefinition tool, JsonObject schema) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        schema.members().forEach((name, value) -> parameters.putAdditionalProperty(name, JsonValue.from(plain(value))));
        return ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                .name(tool.name()).description(tool.description()).parameters(parameters.build()).build()).build();
    }

    /** Our JSON model as plain Java values, which the SDK's JsonValue takes. */
    private static Object plain(dev.jclaw.api.json.JsonValue value) {
        return switch (value) {
            case JsonObject o -> {
                Map<String, Object> map = new LinkedHashMap<>();
                o.members().forEach((k, v) -> map.put(k, plain(v)));
                yield map;
            }
            case JsonArray a -> {
                List<Object> list = new ArrayList<>();
                a.elements().forEach(v -> list.add(plain(v)));
                yield list;
            }
            case JsonString s -> s.value();
            case JsonNumber n -> n.isLong() ? (Object) n.value().longValueExact() : n.value().doubleValue();
            case JsonBoolean b -> b.value();
            case JsonNull n -> null;
        };
    }
}
