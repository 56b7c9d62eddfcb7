package dev.jclaw.wire.openai;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.wire.openai.ChatRequest.Part;
import dev.jclaw.wire.openai.ChatRequest.Role;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A message's content: a string, or an array of parts, each checked for what its role may carry. */
final class Content {
    private static final Set<String> IMAGE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final Set<String> DETAILS = Set.of("auto", "low", "high");
    private static final int MAX_URL_CHARS = 8_192;

    private Content() {
    }

    static List<Part> parts(JsonValue content, String path, Role role) throws InvalidRequestException {
        if (content instanceof JsonString s) {
            return List.of(new Part.Text(Fields.string(s, path)));
        }
        if (!(content instanceof JsonArray array)) {
            throw Fields.expected(path, "a string or an array of content parts", content);
        }
        if (array.size() == 0) {
            throw InvalidRequestException.at(path, "is an empty array of content parts; send a string or at least"
                    + " one part");
        }
        List<Part> parts = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String at = path + "[" + i + "]";
            JsonObject part = Fields.object(array.get(i), at);
            JsonValue typeValue = Fields.required(part, at, "type");
            String type = Fields.string(typeValue, at + ".type");
            switch (type) {
                case "text" -> parts.add(new Part.Text(Fields.string(Fields.required(part, at, "text"),
                        at + ".text")));
                case "refusal" -> {
                    if (role != Role.ASSISTANT) {
                        throw notFor(at, typeValue, role);
                    }
                    parts.add(new Part.Text(Fields.string(Fields.required(part, at, "refusal"), at + ".refusal")));
                }
                case "image_url" -> {
                    if (role != Role.USER) {
                        throw notFor(at, typeValue, role);
                    }
                    parts.add(image(part, at));
                }
                default -> throw InvalidRequestException.at(at + ".type", "expected one of "
                        + allowed(role) + ", got " + Fields.shown(typeValue));
            }
        }
        return parts;
    }

    private static InvalidRequestException notFor(String at, JsonValue type, Role role) {
        return InvalidRequestException.at(at + ".type", "a " + role.wireName() + " message takes parts of type "
                + allowed(role) + ", got " + Fields.shown(type));
    }

    private static String allowed(Role role) {
        return switch (role) {
            case USER -> "text, image_url";
            case ASSISTANT -> "text, refusal";
            default -> "text";
        };
    }

    private static Part.Image image(JsonObject part, String at) throws InvalidRequestException {
        JsonObject image = Fields.object(Fields.required(part, at, "image_url"), at + ".image_url");
        String path = at + ".image_url.url";
        String url = Fields.string(Fields.required(image, at + ".image_url", "url"), path);
        String detail = Fields.optString(image, at + ".image_url", "detail").orElse("auto");
        if (!DETAILS.contains(detail)) {
            throw InvalidRequestException.at(at + ".image_url.detail", "expected one of auto, low, high, got "
                    + Fields.shown(new JsonString(detail)));
        }
        if (url.startsWith("data:")) {
            dataUrl(url, path);
        } else {
            httpUrl(url, path);
        }
        return new Part.Image(url, detail);
    }

    /** {@code data:image/png;base64,iVBOR...}: a known image type, base64 that decodes. */
    private static void dataUrl(String url, String path) throws InvalidRequestException {
        int comma = url.indexOf(',');
        String header = comma < 0 ? url : url.substring(5, comma);
        if (comma < 0 || !header.endsWith(";base64")) {
            throw InvalidRequestException.at(path, "a data URL must look like data:image/png;base64,<data>");
        }
        String type = header.substring(0, header.length() - ";base64".length()).toLowerCase(Locale.ROOT);
        if (!IMAGE_TYPES.contains(type)) {
            throw InvalidRequestException.at(path, "expected an image of type image/png, image/jpeg, image/gif or"
                    + " image/webp, got " + Fields.shown(new JsonString(type)));
        }
        int length = url.length() - comma - 1;
        if (length == 0 || length % 4 != 0) {
            throw InvalidRequestException.at(path, "the base64 data is empty or its length is not a multiple of 4");
        }
        for (int i = comma + 1; i < url.length(); i++) {
            char c = url.charAt(i);
            boolean padding = c == '=' && i >= url.length() - 2;
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || padding)) {
                throw InvalidRequestException.at(path, "the base64 data has an invalid character at offset "
                        + (i - comma - 1));
            }
            if (c == '=' && i == url.length() - 2 && url.charAt(i + 1) != '=') {
                throw InvalidRequestException.at(path, "the base64 data has misplaced padding");
            }
        }
    }

    private static void httpUrl(String url, String path) throws InvalidRequestException {
        if (url.length() > MAX_URL_CHARS) {
            throw InvalidRequestException.at(path, "an image URL is longer than " + MAX_URL_CHARS + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw InvalidRequestException.at(path, "expected a data:image/...;base64 URL or an http(s) URL with"
                        + " a host, got " + Fields.shown(new JsonString(url)));
            }
        } catch (URISyntaxException e) {
            throw InvalidRequestException.at(path, "is not a valid URL (" + e.getReason() + ")");
        }
    }
}
