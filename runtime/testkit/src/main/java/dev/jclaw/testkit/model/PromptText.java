package dev.jclaw.testkit.model;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.util.Objects;

/**
 * The text of a chat-completions request that the fake model server counts as its prompt: what a provider's
 * prefix cache sees, in the order a provider renders it.
 *
 * <ol>
 *   <li>each tool definition, in the order received, as compact JSON on a line of its own;</li>
 *   <li>each message: {@code <|role|>} and a line break; its content (a string as it is; an array of parts as the
 *   text of its text parts, an image as {@code <|image hash|>} with the hash of its URL, other parts as compact
 *   JSON) and a line break; each tool call as
 *   {@code <|call|>id name arguments} and a line break; for a tool result, {@code <|result|>tool_call_id} and a
 *   line break.</li>
 * </ol>
 *
 * <p>Members the prompt does not depend on (model, sampling settings, {@code prompt_cache_key}) are left out, so
 * two requests that differ only in them share their whole prompt.
 */
public final class PromptText {
    private PromptText() {
    }

    /**
     * Renders a request's prompt.
     *
     * @param body a request body that passed the protocol checks
     * @return the prompt text
     */
    public static String of(JsonObject body) {
        Objects.requireNonNull(body, "body");
        StringBuilder out = new StringBuilder();
        for (JsonValue tool : body.optArray("tools").orElse(JsonArray.of()).elements()) {
            out.append(Json.write(tool)).append('\n');
        }
        for (JsonValue m : body.optArray("messages").orElse(JsonArray.of()).elements()) {
            JsonObject message = (JsonObject) m;
            out.append("<|").append(message.optString("role").orElse("")).append("|>\n");
            content(message.get("content").orElse(null), out);
            out.append('\n');
            for (JsonValue c : message.optArray("tool_calls").orElse(JsonArray.of()).elements()) {
                JsonObject call = (JsonObject) c;
                JsonObject function = call.optObject("function").orElse(JsonObject.EMPTY);
                out.append("<|call|>").append(call.optString("id").orElse("")).append(' ')
                        .append(function.optString("name").orElse("")).append(' ')
                        .append(function.optString("arguments").orElse("")).append('\n');
            }
            message.optString("tool_call_id").ifPresent(id -> out.append("<|result|>").append(id).append('\n'));
        }
        return out.toString();
    }

    /** An image as a short marker that differs between images, not as its base64 (a megabyte of "tokens"). */
    private static java.util.Optional<String> image(JsonObject part) {
        return part.optObject("image_url").flatMap(i -> i.optString("url"))
                .map(url -> "<|image " + Integer.toHexString(url.hashCode()) + "|>");
    }

    private static void content(JsonValue content, StringBuilder out) {
        switch (content) {
            case JsonString s -> out.append(s.value());
            case JsonArray parts -> parts.elements().forEach(part -> out.append(part instanceof JsonObject o
                    ? o.optString("text").orElseGet(() -> image(o).orElseGet(() -> Json.write(part)))
                    : Json.write(part)));
            case null, default -> {
            }
        }
    }
}
