package dev.jclaw.model.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelException.Kind;
import dev.jclaw.wire.openai.ErrorBody;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Classifies what the SDK throws for one provider into {@link ModelException}s: one sentence a user can act on,
 * without a stack trace, and never with the API key, even when a provider echoes it back.
 */
final class Errors {
    private static final int MAX_DETAIL = 200;
    private static final int MAX_MESSAGE = 300;

    private final ModelsConfig.Provider provider;

    Errors(ModelsConfig.Provider provider) {
        this.provider = provider;
    }

    /**
     * Classifies a failure.
     *
     * @param e what the SDK threw (its IO failures may arrive unwrapped, as checked exceptions)
     * @param model the model id sent
     * @param midStream whether the answer had begun streaming
     */
    ModelException classify(Exception e, String model, boolean midStream) {
        if (e instanceof OpenAIServiceException service) {
            return service(service, model);
        }
        String name = "the model provider '" + provider.name() + "'";
        Throwable cause = rootCause(e);
        // OkHttp reports its call timeout as an InterruptedIOException wrapping whatever the closed socket threw
        if (inChain(e, SocketTimeoutException.class)) {
            return failure(Kind.TIMEOUT, name + " sent nothing for " + format(provider.idleTimeout())
                    + " (idle-timeout-seconds)", null, e);
        }
        if (inChain(e, InterruptedIOException.class)) {
            return failure(Kind.TIMEOUT, name + " did not finish within " + format(provider.timeout())
                    + " (timeout-seconds)", null, e);
        }
        Throwable unreachable = first(e, UnknownHostException.class, ConnectException.class,
                NoRouteToHostException.class, UnresolvedAddressException.class);
        if (unreachable != null) {
            return failure(Kind.NETWORK, "cannot reach " + name + " at " + provider.baseUrl() + " ("
                    + unreachable(e) + "); check its base URL and that it is running", null, e);
        }
        if (inChain(e, JsonProcessingException.class)) {
            // Jackson's parse errors are IOExceptions too, but nothing is wrong with the connection
            return failure(Kind.BAD_RESPONSE, name + " sent a chunk that is not a valid chat completion ("
                    + describe(cause).lines().findFirst().orElse("") + ")", null, e);
        }
        if (midStream) {
            return failure(Kind.BAD_RESPONSE, "the answer of " + model + " was cut off midway (" + describe(cause)
                    + "); try again", null, e);
        }
        if (cause instanceof IOException) {
            return failure(Kind.NETWORK, "the connection to " + name + " failed (" + describe(cause) + ")", null, e);
        }
        return failure(Kind.BAD_RESPONSE, name + " sent a chunk that is not a valid chat completion ("
                + describe(cause) + ")", null, e);
    }

    private ModelException service(OpenAIServiceException e, String model) {
        return status(e.statusCode(), e.code().orElse(""), detail(e), e instanceof SseException,
                retryAfter(e.headers()::values), model, e);
    }

    /**
     * Classifies a response that was not a success, as the provider sent it.
     *
     * @param status the HTTP status
     * @param body the response body as text (its start: error bodies are short)
     * @param headers the response's headers by name, lower case
     * @param model the model id sent
     */
    ModelException response(int status, String body, Function<String, List<String>> headers, String model) {
        Optional<ErrorBody> error = ErrorBody.parse(body);
        String detail = error.map(ErrorBody::message).orElseGet(() -> plain(body));
        return status(status, error.map(ErrorBody::code).orElse(""), detail, false, retryAfter(headers), model, null);
    }

    /** A body that is not JSON, when it reads as one short line of words (not an HTML page): it may say why. */
    private static String plain(String body) {
        String text = body.strip();
        return text.isEmpty() || text.length() > MAX_DETAIL || text.startsWith("<") || text.contains("\n") ? ""
                : text;
    }

    private ModelException status(int status, String code, String detail, boolean sse, Duration retryAfter,
                                  String model, Throwable cause) {
        String lower = detail.toLowerCase(Locale.ROOT);
        String name = "the model provider '" + provider.name() + "'";
        boolean overflow = code.equals("context_length_exceeded") || overflow(lower);
        if (overflow && (status == 400 || status == 413 || sse)) {
            return failure(Kind.CONTEXT_OVERFLOW, "the conversation is too long for " + model
                    + "'s context window", null, cause);
        }
        if (sse) {
            return failure(Kind.SERVER, name + " failed while answering" + (detail.isEmpty() ? "" : ": " + detail),
                    null, cause);
        }
        return switch (status) {
            case 401, 403 -> failure(Kind.AUTH, name + " refused the API key (HTTP " + status + "); check its"
                    + " api-key in jclaw.json, or OPENAI_API_KEY when jclaw.json configures no providers", null, cause);
            case 429 -> failure(Kind.RATE_LIMIT, name + " is rate-limiting requests"
                    + (detail.isEmpty() ? "" : " (" + detail + ")"), retryAfter, cause);
            case 408 -> failure(Kind.TIMEOUT, name + " timed out (HTTP 408)", null, cause);
            default -> status >= 500
                    ? failure(Kind.SERVER, name + " failed (HTTP " + status + (detail.isEmpty() ? "" : ": " + detail)
                            + ")", retryAfter, cause)
                    : failure(Kind.BAD_REQUEST, name + " refused the request for " + model + " (HTTP " + status
                            + (detail.isEmpty() ? "" : ": " + detail) + ")", null, cause);
        };
    }

    /** The provider's own error message, from {@code {"error": {"message": ...}}} or the like. */
    private static String detail(OpenAIServiceException e) {
        try {
            Map<?, ?> body = object(e.body());
            Map<?, ?> error = body.get("error") instanceof JsonValue v ? object(v) : Map.of();
            Object message = (error.isEmpty() ? body : error).get("message");
            return message instanceof JsonValue m ? text(m) : "";
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static Map<?, ?> object(JsonValue value) {
        Optional<?> object = value.asObject();
        return object.isPresent() && object.get() instanceof Map<?, ?> map ? map : Map.of();
    }

    /**
     * Classifies an error the provider sent inside the stream ({@code {"error": {...}}} or an {@code error} event)
     * after answering 200.
     *
     * @param error the error object, or the whole event when it has none
     * @param model the model id sent
     */
    ModelException streamError(dev.jclaw.api.json.JsonObject error, String model) {
        Optional<ErrorBody> body = ErrorBody.from(error);
        String detail = body.map(ErrorBody::message).orElse("");
        String code = body.map(ErrorBody::code).orElse("");
        String name = "the model provider '" + provider.name() + "'";
        if (code.equals("context_length_exceeded") || overflow(detail.toLowerCase(Locale.ROOT))) {
            return failure(Kind.CONTEXT_OVERFLOW, "the conversation is too long for " + model
                    + "'s context window", null, null);
        }
        String shown = detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
        return failure(Kind.SERVER, name + " failed while answering" + (shown.isEmpty() ? "" : ": " + shown), null,
                null);
    }

    private static boolean overflow(String lower) {
        return lower.contains("context length") || lower.contains("context_length")
                || lower.contains("maximum context") || lower.contains("context window")
                || lower.contains("too many tokens") || lower.contains("prompt is too long");
    }

    /** The SDK's {@code JsonValue} extends a raw type, so its accessors lose their generics. */
    static String text(JsonValue value) {
        Optional<?> text = value.asString();
        return text.isPresent() && text.get() instanceof String s ? s : "";
    }

    /** {@code retry-after-ms}, else {@code Retry-After} in seconds or as an HTTP date; null when absent or bad. */
    static Duration retryAfter(Function<String, List<String>> headers) {
        List<String> millis = headers.apply("retry-after-ms");
        if (!millis.isEmpty()) {
            try {
                return nonNegative(Duration.ofNanos((long) (Double.parseDouble(millis.getFirst().strip()) * 1e6)));
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        List<String> values = headers.apply("retry-after");
        if (values.isEmpty()) {
            return null;
        }
        String value = values.getFirst().strip();
        try {
            return nonNegative(Duration.ofMillis((long) (Double.parseDouble(value) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return nonNegative(Duration.between(ZonedDateTime.now(when.getZone()), when));
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** Every message leaves through here: one line, bounded, the key blanked out. */
    private ModelException failure(Kind kind, String message, Duration retryAfter, Throwable cause) {
        return new ModelException(kind, clean(message, provider.apiKey()), retryAfter, cause);
    }

    static String clean(String message, String apiKey) {
        String text = message;
        if (apiKey.length() >= 4) {
            text = text.replace(apiKey, "<redacted>");
        }
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE - 1) + "…" : text;
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String detail = message == null || message.isBlank() ? inWords(cause) : message;
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail;
    }

    /** Why a provider could not be reached, in words: the JDK's own messages are often absent or a class name. */
    private static String unreachable(Throwable e) {
        // the JDK client wraps the telling cause (an unresolved address) in a ConnectException without a message
        Throwable unknown = first(e, UnknownHostException.class, UnresolvedAddressException.class);
        if (unknown != null) {
            return "unknown host" + (unknown.getMessage() == null ? "" : " " + unknown.getMessage());
        }
        return first(e, NoRouteToHostException.class) != null ? "no route to host" : "connection refused";
    }

    /** A failure without a message, said in words rather than with its class name, which means nothing to a user. */
    private static String inWords(Throwable t) {
        return switch (t) {
            case java.nio.channels.ClosedChannelException c -> "the connection was closed";
            case java.io.EOFException eof -> "the connection ended early";
            case java.net.SocketException s -> "the connection failed";
            case IOException io -> "an input/output error";
            default -> "an unexpected error";
        };
    }

    /** @return the first throwable in the cause chain of one of the types, or null */
    @SafeVarargs
    private static Throwable first(Throwable t, Class<? extends Throwable>... types) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static boolean inChain(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
