package dev.jclaw.testkit.model;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a real chat-completions endpoint would refuse, found in one request body: the first problem, as one
 * sentence, or empty. Strict where OpenAI is strict (tool names, every tool call answered before the next
 * message), so that a client that passes here does not fail against the real thing.
 */
final class ProtocolCheck {
    /** OpenAI refuses any other function name. */
    static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    private ProtocolCheck() {
    }

    static Optional<String> problem(JsonObject body) {
        try {
            return Optional.ofNullable(firstProblem(body));
        } catch (JsonException | ClassCastException e) {
            return Optional.of("malformed request: " + e.getMessage());
        }
    }

    private static String firstProblem(JsonObject body) {
        if (!body.optBoolean("stream").orElse(false)) {
            return "request is not streaming (\"stream\": true missing); the fake model server only streams";
        }
        if (body.optString("model").orElse("").isBlank()) {
            return "request names no model";
        }
        // typed reads of optional members: a member of the wrong type throws, reported as a malformed request
        body.optObject("stream_options").flatMap(o -> o.optBoolean("include_usage"));
        body.optString("prompt_cache_key");
        if (body.optLong("max_completion_tokens").orElse(1L) < 1 || body.optLong("max_tokens").orElse(1L) < 1) {
            return "max_completion_tokens must be positive";
        }
        String tools = tools(body.optArray("tools").orElse(JsonArray.of()));
        return tools != null ? tools : messages(body.optArray("messages").orElse(JsonArray.of()));
    }

    private static String tools(JsonArray tools) {
        Set<String> names = new HashSet<>();
        for (JsonValue t : tools.elements()) {
            JsonObject tool = (JsonObject) t;
            if (!tool.optString("type").orElse("").equals("function")) {
                return "tool " + tool + " is not of type function";
            }
            JsonObject function = tool.optObject("function").orElse(null);
            if (function == null) {
                return "tool " + tool + " has no function";
            }
            String name = function.optString("name").orElse("");
            if (!TOOL_NAME.matcher(name).matches()) {
                return "tool name \"" + name + "\" is not 1-64 letters, digits, _ or - (OpenAI refuses it)";
            }
            if (!names.add(name)) {
                return "tool " + name + " is offered twice";
            }
            function.optObject("parameters");
            function.optString("description");
        }
        return null;
    }

    private static String messages(JsonArray messages) {
        if (messages.size() == 0) {
            return "request has no messages";
        }
        Set<String> seenCalls = new HashSet<>();
        Set<String> unanswered = new LinkedHashSet<>();
        for (JsonValue m : messages.elements()) {
            JsonObject message = (JsonObject) m;
            String role = message.optString("role").orElse("");
            if (!ROLES.contains(role)) {
                return "unknown role \"" + role + "\"";
            }
            if (!role.equals("tool") && !unanswered.isEmpty()) {
                return "tool call " + unanswered.iterator().next() + " has no tool result before the next "
                        + role + " message";
            }
            String problem = switch (role) {
                case "assistant" -> assistant(message, seenCalls, unanswered);
                case "tool" -> toolResult(message, seenCalls, unanswered);
                default -> hasContent(message) ? null : role + " message has no content";
            };
            if (problem == null) {
                problem = ContentParts.problem(role, message.get("content").orElse(null));
            }
            if (problem != null) {
                return problem;
            }
        }
        return unanswered.isEmpty() ? null
                : "tool call " + unanswered.iterator().next() + " has no tool result at the end of the messages";
    }

    private static String assistant(JsonObject message, Set<String> seenCalls, Set<String> unanswered) {
        JsonArray calls = message.optArray("tool_calls").orElse(JsonArray.of());
        if (calls.size() == 0 && !hasContent(message)) {
            return "assistant message has neither content nor tool_calls";
        }
        for (JsonValue c : calls.elements()) {
            JsonObject call = (JsonObject) c;
            String id = call.optString("id").orElse("");
            JsonObject function = call.optObject("function").orElse(JsonObject.EMPTY);
            if (id.isEmpty() || !call.optString("type").orElse("").equals("function")) {
                return "assistant tool call " + call + " needs an id and type function";
            }
            if (function.optString("name").orElse("").isEmpty()
                    || !(function.get("arguments").orElse(null) instanceof JsonString)) {
                return "assistant tool call " + id + " needs function.name and function.arguments as a string";
            }
            // ids may repeat across steps (providers reuse them), never within one message
            if (!unanswered.add(id)) {
                return "tool call id " + id + " is used twice in one assistant message";
            }
            seenCalls.add(id);
        }
        return null;
    }

    private static String toolResult(JsonObject message, Set<String> seenCalls, Set<String> unanswered) {
        String id = message.optString("tool_call_id").orElse("");
        if (!unanswered.remove(id)) {
            return seenCalls.contains(id) ? "tool call " + id + " is answered twice, or not right after its call"
                    : "tool result for call " + id + " follows no tool call";
        }
        return hasContent(message) ? null : "tool result for call " + id + " has no content";
    }

    private static boolean hasContent(JsonObject message) {
        JsonValue content = message.get("content").orElse(null);
        return content instanceof JsonString || content instanceof JsonArray;
    }
}
