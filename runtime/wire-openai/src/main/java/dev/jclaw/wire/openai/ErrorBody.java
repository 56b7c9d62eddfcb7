package dev.jclaw.wire.openai;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonNull;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonString;
import dev.jclaw.api.json.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * OpenAI's error body: {@code {"error": {"message", "type", "param", "code"}}}, with {@code param} and
 * {@code code} written as JSON null when empty, as OpenAI does.
 *
 * <pre>{@code
 * respond(404, ErrorBody.modelNotFound("gpt-9").toJson());
 * }</pre>
 *
 * @param message one sentence for the caller; never a stack trace or an internal name
 * @param type e.g. {@link #INVALID_REQUEST}
 * @param param the field at fault, empty for none
 * @param code a machine-readable code, empty for none
 */
public record ErrorBody(String message, String type, String param, String code) {
    /** A request the server refuses (400, 404, 413). */
    public static final String INVALID_REQUEST = "invalid_request_error";
    /** A missing or wrong API key (401). */
    public static final String AUTHENTICATION = "authentication_error";
    /** A key that may not do this (403). */
    public static final String PERMISSION = "permission_error";
    /** Too many requests (429). */
    public static final String RATE_LIMIT = "rate_limit_error";
    /** The server failed (500, 503). */
    public static final String SERVER = "server_error";

    /** Checks the fields. */
    public ErrorBody {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(code, "code");
    }

    /**
     * The 401 OpenAI answers for a missing or wrong key.
     *
     * @return the body
     */
    public static ErrorBody invalidApiKey() {
        return new ErrorBody("Incorrect API key provided.", INVALID_REQUEST, "", "invalid_api_key");
    }

    /**
     * The 404 OpenAI answers for a model it does not serve.
     *
     * @param model the model asked for
     * @return the body
     */
    public static ErrorBody modelNotFound(String model) {
        return new ErrorBody("The model " + Json.quote(model) + " does not exist or you do not have access to it.",
                INVALID_REQUEST, "model", "model_not_found");
    }

    /** @return the body as JSON text */
    public String toJson() {
        return Json.write(JsonObject.builder().put("error", JsonObject.builder()
                .put("message", message)
                .put("type", type)
                .put("param", param.isEmpty() ? JsonNull.INSTANCE : new JsonString(param))
                .put("code", code.isEmpty() ? JsonNull.INSTANCE : new JsonString(code))
                .build()).build());
    }

    /**
     * Reads an error body as providers send it: {@code {"error": {...}}}, or the error object's members at the top
     * level; members of the wrong type count as absent.
     *
     * @param text the response body
     * @return the error, or empty when the text is not JSON or carries no message
     */
    public static Optional<ErrorBody> parse(String text) {
        try {
            return from(Json.parseObject(text));
        } catch (JsonException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads an error object already parsed, e.g. an error event inside a stream.
     *
     * @param body {@code {"error": {...}}} or the error object itself
     * @return the error, or empty when it carries no message
     */
    public static Optional<ErrorBody> from(JsonObject body) {
        JsonObject error = body.get("error").orElse(null) instanceof JsonObject o ? o : body;
        String message = error.get("message").orElse(null) instanceof JsonString s ? s.value() : "";
        if (message.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ErrorBody(message, text(error, "type"), text(error, "param"), text(error, "code")));
    }

    private static String text(JsonObject o, String member) {
        JsonValue v = o.get(member).orElse(null);
        return switch (v) {
            case JsonString s -> s.value();
            case dev.jclaw.api.json.JsonNumber n -> n.value().toPlainString();
            case null, default -> "";
        };
    }
}
