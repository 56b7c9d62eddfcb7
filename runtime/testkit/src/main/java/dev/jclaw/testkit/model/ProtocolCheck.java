package dev.jclaw.testkit.model;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.wire.openai.ChatRequest;
import dev.jclaw.wire.openai.ChatRequestParser;
import dev.jclaw.wire.openai.InvalidRequestException;
import dev.jclaw.wire.openai.RequestLimits;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a real chat-completions endpoint would refuse, found in one request body: the first problem, as one
 * sentence, or empty. The shape of the request — roles, content parts, tool calls, types of every field — is
 * checked by the wire model's parser ({@link ChatRequestParser}, as a provider accepting client tools); on top of
 * it, strict where OpenAI is strict: tool names, every tool call answered before the next message, and optionally
 * a system message only first, as some chat templates demand.
 */
final class ProtocolCheck {
    /** OpenAI refuses any other function name. */
    static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    /** What vLLM's chat templates say of a system message that is not first. */
    static final String SYSTEM_NOT_FIRST = "System message must be at the beginning.";
    private static final ChatRequestParser PARSER = new ChatRequestParser(RequestLimits.PROVIDER);

    private ProtocolCheck() {
    }

    /**
     * The rules a request is held to.
     *
     * @param streamingOnly whether a request that does not stream is refused (the default: JClaw's client always
     *     streams)
     * @param systemFirstOnly whether a system or developer message anywhere but first is refused
     */
    record Rules(boolean streamingOnly, boolean systemFirstOnly) {
    }

    static Optional<String> problem(JsonObject body, Rules rules) {
        try {
            return Optional.ofNullable(firstProblem(body, rules));
        } catch (JsonException e) {
            return Optional.of("malformed request: " + e.getMessage());
        }
    }

    private static String firstProblem(JsonObject body, Rules rules) {
        if (rules.streamingOnly() && !body.optBoolean("stream").orElse(false)) {
            return "request is not streaming (\"stream\": true missing); the fake model server only streams";
        }
        if (body.optString("model").orElse("").isBlank()) {
            return "request names no model";
        }
        if (body.optArray("messages").orElse(JsonArray.of()).size() == 0) {
            return "request has no messages";
        }
        body.optString("prompt_cache_key");
        ChatRequest request;
        try {
            request = PARSER.parse(body);
        } catch (InvalidRequestException e) {
            return "malformed request: " + e.getMessage();
        }
        String tools = tools(request);
        if (tools != null) {
            return tools;
        }
        if (rules.systemFirstOnly()) {
            for (int i = 1; i < request.messages().size(); i++) {
                ChatRequest.Role role = request.messages().get(i).role();
                if (role == ChatRequest.Role.SYSTEM || role == ChatRequest.Role.DEVELOPER) {
                    return SYSTEM_NOT_FIRST + " (messages[" + i + "] has role " + role.wireName() + ")";
                }
            }
        }
        return messages(request);
    }

    private static String tools(ChatRequest request) {
        Set<String> names = new HashSet<>();
        for (ChatRequest.ToolDefinition tool : request.tools()) {
            if (!TOOL_NAME.matcher(tool.name()).matches()) {
                return "tool name \"" + tool.name() + "\" is not 1-64 letters, digits, _ or - (OpenAI refuses it)";
            }
            if (!names.add(tool.name())) {
                return "tool " + tool.name() + " is offered twice";
            }
        }
        return null;
    }

    private static String messages(ChatRequest request) {
        Set<String> seenCalls = new HashSet<>();
        Set<String> unanswered = new LinkedHashSet<>();
        for (ChatRequest.Message message : request.messages()) {
            String role = message.role().wireName();
            if (message.role() != ChatRequest.Role.TOOL && !unanswered.isEmpty()) {
                return "tool call " + unanswered.iterator().next() + " has no tool result before the next "
                        + role + " message";
            }
            if (message.role() == ChatRequest.Role.ASSISTANT) {
                for (ChatRequest.ToolCall call : message.toolCalls()) {
                    // ids may repeat across steps (providers reuse them), never within one message (the parser)
                    unanswered.add(call.id());
                    seenCalls.add(call.id());
                }
            } else if (message.role() == ChatRequest.Role.TOOL) {
                String id = message.toolCallId();
                if (!unanswered.remove(id)) {
                    return seenCalls.contains(id) ? "tool call " + id + " is answered twice, or not right after its"
                            + " call" : "tool result for call " + id + " follows no tool call";
                }
            }
        }
        return unanswered.isEmpty() ? null
                : "tool call " + unanswered.iterator().next() + " has no tool result at the end of the messages";
    }
}
