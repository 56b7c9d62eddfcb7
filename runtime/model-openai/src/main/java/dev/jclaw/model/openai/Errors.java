package dev.jclaw.model.openai;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelException.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Classifies what the SDK throws into {@link ModelException}s with one sentence a user can act on. */
final class Errors {
    private Errors() {
    }

    static ModelException classify(RuntimeException e, String provider, String model) {
        if (e instanceof OpenAIServiceException service) {
            return service(service, provider, model);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof UnknownHostException || cause instanceof ConnectException) {
            return new ModelException(Kind.NETWORK, "cannot reach the model provider '" + provider + "' ("
                    + cause.getClass().getSimpleName() + "); check its base-url and that it is running", null, e);
        }
        if (cause instanceof InterruptedIOException) {
            return new ModelException(Kind.TIMEOUT, "the model provider '" + provider + "' did not answer in time",
                    null, e);
        }
        if (e instanceof OpenAIIoException) {
            return new ModelException(Kind.NETWORK, "the connection to the model provider '" + provider
                    + "' failed (" + cause.getClass().getSimpleName() + ")", null, e);
        }
        return new ModelException(Kind.BAD_RESPONSE, "the model provider '" + provider
                + "' sent an answer that could not be read", null, e);
    }

    private static ModelException service(OpenAIServiceException e, String provider, String model) {
        int status = e.statusCode();
        String detail = detail(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        if (status == 400 && (e.code().map("context_length_exceeded"::equals).orElse(false)
                || lower.contains("context length") || lower.contains("context_length")
                || lower.contains("too many tokens") || lower.contains("maximum context"))) {
            return new ModelException(Kind.CONTEXT_OVERFLOW, "the conversation is too long for " + model, null, e);
        }
        return switch (status) {
            case 401, 403 -> new ModelException(Kind.AUTH, "the model provider '" + provider
                    + "' refused the API key (HTTP " + status + "); check models.providers." + provider
                    + ".api-key", null, e);
            case 429 -> new ModelException(Kind.RATE_LIMIT, "the model provider '" + provider
                    + "' is rate-limiting requests; try again shortly", retryAfter(e), e);
            case 408 -> new ModelException(Kind.TIMEOUT, "the model provider '" + provider + "' timed out", null, e);
            default -> status >= 500
                    ? new ModelException(Kind.SERVER, "the model provider '" + provider + "' failed (HTTP " + status
                            + ")", null, e)
                    : new ModelException(Kind.BAD_REQUEST, "the model provider '" + provider + "' refused the request"
                            + " (HTTP " + status + (detail.isEmpty() ? "" : ": " + detail) + ")", null, e);
        };
    }

    private static String detail(OpenAIServiceException e) {
        try {
            String message = e.getMessage() == null ? "" : e.getMessage();
            return message.length() > 200 ? message.substring(0, 200) + "…" : message;
        } catch (RuntimeException ignored) {
            return "";
        }
    }

    static Duration retryAfter(OpenAIServiceException e) {
        List<String> values = e.headers().values("retry-after");
        if (values.isEmpty()) {
            values = e.headers().values("Retry-After");
        }
        if (values.isEmpty()) {
            return null;
        }
        String value = values.getFirst().strip();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }
}
