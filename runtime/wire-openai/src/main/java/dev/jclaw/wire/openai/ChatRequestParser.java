package dev.jclaw.wire.openai;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.wire.openai.ChatRequest.Message;
import dev.jclaw.wire.openai.ChatRequest.Part;
import dev.jclaw.wire.openai.ChatRequest.Role;
import dev.jclaw.wire.openai.ChatRequest.ToolCall;
import dev.jclaw.wire.openai.ChatRequest.ToolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads a chat-completions request body as a server facing the internet must: bytes decoded strictly
 * ({@link Utf8}), JSON parsed strictly (no duplicate names, bounded nesting), then every field checked. The first
 * violation is thrown as an {@link InvalidRequestException} whose message starts with the field path, e.g.
 * {@code messages[3].role: expected one of system, developer, user, assistant, tool, got "wizard"}. Unknown fields
 * are tolerated (clients send newer ones) and dropped. Thread-safe.
 *
 * <pre>{@code
 * ChatRequestParser parser = new ChatRequestParser(RequestLimits.SERVER);
 * ChatRequest request = parser.parse(body); // or InvalidRequestException with status 400 or 413
 * }</pre>
 *
 * <p>Checked: {@code model}; {@code messages} with roles system, developer, user, assistant, tool; content as a
 * string or an array of parts ({@code text}; {@code image_url} in user messages, as a {@code data:image/...;base64}
 * URL or an {@code http(s)} URL; {@code refusal} in assistant messages); an assistant's {@code tool_calls}; a tool
 * message's {@code tool_call_id}; {@code stream}, {@code stream_options.include_usage}; {@code max_tokens} and
 * {@code max_completion_tokens}; {@code temperature}; {@code top_p}; {@code user}; {@code prompt_cache_key};
 * {@code n} (only 1); {@code tools}
 * and {@code tool_choice} by {@link RequestLimits.ClientTools}.
 */
public final class ChatRequestParser {
    private static final int MAX_MODEL_CHARS = 256;
    private static final int MAX_USER_CHARS = 512;
    private static final String ROLES = "system, developer, user, assistant, tool";

    private final RequestLimits limits;

    /**
     * Creates a parser.
     *
     * @param limits the limits to hold requests to
     */
    public ChatRequestParser(RequestLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Parses a request body.
     *
     * @param body the bytes as received
     * @return the request
     * @throws InvalidRequestException what is wrong, with the status to answer (400, or 413 past a limit)
     */
    public ChatRequest parse(byte[] body) throws InvalidRequestException {
        if (body.length > limits.maxBodyBytes()) {
            throw InvalidRequestException.tooLarge("", "the request body is " + body.length + " bytes; at most "
                    + limits.maxBodyBytes() + " are accepted");
        }
        return parse(Utf8.decode(body));
    }

    /**
     * Parses a request body already decoded.
     *
     * @param text the JSON text
     * @return the request
     * @throws InvalidRequestException what is wrong, with the status to answer
     */
    public ChatRequest parse(String text) throws InvalidRequestException {
        JsonValue value;
        try {
            value = Json.parse(text);
        } catch (JsonException e) {
            throw new InvalidRequestException(400, "", "invalid_json", "the request body is not valid JSON: "
                    + e.getMessage());
        }
        if (!(value instanceof JsonObject body)) {
            throw new InvalidRequestException(400, "", "invalid_json", "the request body must be a JSON object, got "
                    + value.typeName());
        }
        return parse(body);
    }

    /**
     * Checks a request body already parsed.
     *
     * @param body the JSON object
     * @return the request
     * @throws InvalidRequestException what is wrong, with the status to answer
     */
    public ChatRequest parse(JsonObject body) throws InvalidRequestException {
        String model = Fields.requiredNonEmpty(body, "", "model");
        if (model.length() > MAX_MODEL_CHARS) {
            throw InvalidRequestException.at("model", "is longer than " + MAX_MODEL_CHARS + " characters");
        }
        boolean stream = Fields.optBoolean(body, "", "stream").orElse(false);
        boolean includeUsage = false;
        Optional<JsonValue> options = Fields.opt(body, "stream_options");
        if (options.isPresent()) {
            includeUsage = Fields.optBoolean(Fields.object(options.get(), "stream_options"), "stream_options",
                    "include_usage").orElse(false);
        }
        Optional<Long> maxCompletion = Fields.optPositiveInteger(body, "max_completion_tokens");
        Optional<Long> maxOlder = Fields.optPositiveInteger(body, "max_tokens");
        long maxTokens = maxCompletion.or(() -> maxOlder).orElse(0L);
        OptionalDouble temperature = toOptional(Fields.optNumber(body, "temperature", 0, 2));
        OptionalDouble topP = toOptional(Fields.optNumber(body, "top_p", 0, 1));
        String user = Fields.optString(body, "", "user").orElse("");
        if (user.length() > MAX_USER_CHARS) {
            throw InvalidRequestException.at("user", "is longer than " + MAX_USER_CHARS + " characters");
        }
        String cacheKey = Fields.optString(body, "", "prompt_cache_key").orElse("");
        if (cacheKey.length() > MAX_USER_CHARS) {
            throw InvalidRequestException.at("prompt_cache_key", "is longer than " + MAX_USER_CHARS + " characters");
        }
        Optional<Long> n = Fields.optPositiveInteger(body, "n");
        if (n.isPresent() && n.get() != 1) {
            throw InvalidRequestException.at("n", "only 1 choice is supported, got " + n.get());
        }
        List<ToolDefinition> tools = tools(body);
        List<Message> messages = messages(body);
        return new ChatRequest(model, messages, stream, includeUsage, maxTokens,
                new ChatRequest.Sampling(temperature, topP), user, tools, cacheKey);
    }

    private List<Message> messages(JsonObject body) throws InvalidRequestException {
        JsonArray array = Fields.array(Fields.required(body, "", "messages"), "messages");
        if (array.size() == 0) {
            throw InvalidRequestException.at("messages", "must contain at least one message");
        }
        if (array.size() > limits.maxMessages()) {
            throw InvalidRequestException.tooLarge("messages", "messages: " + array.size()
                    + " messages; at most " + limits.maxMessages() + " are accepted in one request");
        }
        List<Message> messages = new ArrayList<>(array.size());
        long chars = 0;
        for (int i = 0; i < array.size(); i++) {
            Message message = message(array.get(i), "messages[" + i + "]");
            for (Part part : message.content()) {
                chars += switch (part) {
                    case Part.Text t -> t.text().length();
                    case Part.Image img -> img.url().length();
                };
            }
            for (ToolCall call : message.toolCalls()) {
                chars += call.arguments().length();
            }
            if (chars > limits.maxTotalChars()) {
                throw InvalidRequestException.tooLarge("messages", "messages: the content of the messages is longer"
                        + " than " + limits.maxTotalChars() + " characters (passed at messages[" + i + "])");
            }
            messages.add(message);
        }
        return messages;
    }

    private static Message message(JsonValue value, String path) throws InvalidRequestException {
        JsonObject m = Fields.object(value, path);
        JsonValue roleValue = Fields.required(m, path, "role");
        String roleName = Fields.string(roleValue, path + ".role");
        Role role = switch (roleName) {
            case "system" -> Role.SYSTEM;
            case "developer" -> Role.DEVELOPER;
            case "user" -> Role.USER;
            case "assistant" -> Role.ASSISTANT;
            case "tool" -> Role.TOOL;
            default -> throw InvalidRequestException.at(path + ".role", "expected one of " + ROLES + ", got "
                    + Fields.shown(roleValue));
        };
        String name = Fields.optString(m, path, "name").orElse("");
        Optional<JsonValue> content = Fields.opt(m, "content");
        List<Part> parts = content.isPresent() ? Content.parts(content.get(), path + ".content", role) : List.of();
        List<ToolCall> calls = List.of();
        String toolCallId = "";
        switch (role) {
            case ASSISTANT -> {
                Optional<JsonValue> callsValue = Fields.opt(m, "tool_calls");
                calls = callsValue.isPresent() ? toolCalls(callsValue.get(), path + ".tool_calls") : List.of();
                if (content.isEmpty() && calls.isEmpty()) {
                    throw InvalidRequestException.at(path, "an assistant message needs content or tool_calls");
                }
            }
            case TOOL -> {
                toolCallId = Fields.requiredNonEmpty(m, path, "tool_call_id");
                if (content.isEmpty()) {
                    throw InvalidRequestException.at(path + ".content", "is required");
                }
            }
            default -> {
                if (content.isEmpty()) {
                    throw InvalidRequestException.at(path + ".content", "is required");
                }
            }
        }
        return new Message(role, parts, calls, toolCallId, name);
    }

    private static List<ToolCall> toolCalls(JsonValue value, String path) throws InvalidRequestException {
        JsonArray array = Fields.array(value, path);
        List<ToolCall> calls = new ArrayList<>(array.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            JsonObject call = Fields.object(array.get(i), at);
            String id = Fields.requiredNonEmpty(call, at, "id");
            String type = Fields.optString(call, at, "type").orElse("function");
            if (!type.equals("function")) {
                throw InvalidRequestException.at(at + ".type", "expected \"function\", got "
                        + Fields.shown(new JsonString(type)));
            }
            JsonObject function = Fields.object(Fields.required(call, at, "function"), at + ".function");
            String name = Fields.requiredNonEmpty(function, at + ".function", "name");
            String arguments = Fields.string(Fields.required(function, at + ".function", "arguments"),
                    at + ".function.arguments");
            if (!ids.add(id)) {
                throw InvalidRequestException.at(at + ".id", "the id " + Fields.shown(new JsonString(id))
                        + " is used twice in one message");
            }
            calls.add(new ToolCall(id, name, arguments));
        }
        return calls;
    }

    private List<ToolDefinition> tools(JsonObject body) throws InvalidRequestException {
        Optional<JsonValue> toolsValue = Fields.opt(body, "tools");
        JsonArray array = toolsValue.isPresent() ? Fields.array(toolsValue.get(), "tools") : JsonArray.of();
        Optional<JsonValue> choice = Fields.opt(body, "tool_choice");
        if (limits.clientTools() == RequestLimits.ClientTools.REFUSE) {
            if (array.size() > 0) {
                throw new InvalidRequestException(400, "tools", "unsupported_parameter", "tools: this endpoint runs"
                        + " the agent's own tools on the server and returns no tool_calls; send no tools");
            }
            if (choice.isPresent() && !(choice.get() instanceof JsonString s
                    && (s.value().equals("auto") || s.value().equals("none")))) {
                throw new InvalidRequestException(400, "tool_choice", "unsupported_parameter", "tool_choice: only"
                        + " \"auto\" or \"none\" is accepted, the agent chooses its own tools; got "
                        + Fields.shown(choice.get()));
            }
            return List.of();
        }
        List<ToolDefinition> tools = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = "tools[" + i + "]";
            JsonObject tool = Fields.object(array.get(i), at);
            String type = Fields.optString(tool, at, "type").orElse("");
            if (!type.equals("function")) {
                throw InvalidRequestException.at(at + ".type", "expected \"function\", got "
                        + Fields.shown(tool.get("type").orElse(new JsonString(""))));
            }
            JsonObject function = Fields.object(Fields.required(tool, at, "function"), at + ".function");
            String name = Fields.requiredNonEmpty(function, at + ".function", "name");
            String description = Fields.optString(function, at + ".function", "description").orElse("");
            Optional<JsonValue> parameters = Fields.opt(function, "parameters");
            tools.add(new ToolDefinition(name, description, parameters.isPresent()
                    ? Fields.object(parameters.get(), at + ".function.parameters") : JsonObject.EMPTY));
        }
        return tools;
    }

    private static OptionalDouble toOptional(Optional<Double> d) {
        return d.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }
}
