package dev.jclaw.testkit.model;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A message's {@code content} as OpenAI's chat completions take it: a string, or an array of parts — {@code text}
 * parts in any role, {@code image_url} parts in user messages only. Reads the parts for tests, and finds what a
 * real endpoint would refuse in them.
 *
 * <pre>{@code
 * JsonObject sent = server.requests().getFirst().messages().getLast();
 * assertThat(ContentParts.imageUrls(sent)).containsExactly("data:image/png;base64,iVBOR...");
 * }</pre>
 */
public final class ContentParts {
    private static final Pattern DATA_URL = Pattern.compile("data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}");

    private ContentParts() {
    }

    /**
     * @param message a message as sent
     * @return the URLs of its {@code image_url} parts, in order; empty when its content is a string
     */
    public static List<String> imageUrls(JsonObject message) {
        List<String> urls = new ArrayList<>();
        for (JsonObject part : parts(message)) {
            if (part.optString("type").orElse("").equals("image_url")) {
                urls.add(part.optObject("image_url").flatMap(i -> i.optString("url")).orElse(""));
            }
        }
        return urls;
    }

    /**
     * @param message a message as sent
     * @return its text: the string content, or its text parts joined with line breaks
     */
    public static String text(JsonObject message) {
        JsonValue content = message.get("content").orElse(null);
        if (content instanceof JsonString s) {
            return s.value();
        }
        List<String> texts = new ArrayList<>();
        for (JsonObject part : parts(message)) {
            part.optString("text").ifPresent(texts::add);
        }
        return String.join("\n", texts);
    }

    private static List<JsonObject> parts(JsonObject message) {
        return message.optArray("content").orElse(JsonArray.of()).elements().stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
    }

    /**
     * Finds what a real endpoint would refuse in a message's content parts.
     *
     * @param role the message's role
     * @param content its content
     * @return the problem as one sentence, or null
     */
    static String problem(String role, JsonValue content) {
        if (!(content instanceof JsonArray parts)) {
            return null;
        }
        if (parts.size() == 0) {
            return role + " message has an empty array of content parts";
        }
        for (JsonValue p : parts.elements()) {
            if (!(p instanceof JsonObject part)) {
                return role + " message has a content part that is not an object";
            }
            String type = part.optString("type").orElse("");
            switch (type) {
                case "text" -> {
                    if (!(part.get("text").orElse(null) instanceof JsonString)) {
                        return role + " message has a text part without a text string";
                    }
                }
                case "image_url" -> {
                    if (!role.equals("user")) {
                        return role + " message has an image_url part; only user messages carry images";
                    }
                    String url = part.optObject("image_url").flatMap(i -> i.optString("url")).orElse("");
                    if (!url.startsWith("https://") && !url.startsWith("http://") && !DATA_URL.matcher(url).matches()) {
                        return "image_url part has a url that is neither http(s) nor data:image/<png|jpeg|gif|webp>"
                                + ";base64,<data>: " + (url.length() > 60 ? url.substring(0, 60) + "…" : url);
                    }
                }
                default -> {
                    return role + " message has a content part of type \"" + type + "\"; the fake model server"
                            + " knows text and image_url";
                }
            }
        }
        return null;
    }
}
