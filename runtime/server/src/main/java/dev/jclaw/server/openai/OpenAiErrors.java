package dev.jclaw.server.openai;

import dev.jclaw.wire.openai.ErrorBody;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;

/** Writes errors in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}, which its clients parse. */
final class OpenAiErrors {
    private OpenAiErrors() {
    }

    static void send(ServerResponse res, int status, ErrorBody error) {
        res.status(status);
        res.header("Content-Type", "application/json");
        res.header("Cache-Control", "no-store");
        res.send(error.toJson().getBytes(StandardCharsets.UTF_8));
    }

    static void invalid(ServerResponse res, String param, String message) {
        send(res, 400, new ErrorBody(message, ErrorBody.INVALID_REQUEST, param, "invalid_value"));
    }

    static void busy(ServerResponse res, String message) {
        res.header("Retry-After", "5");
        send(res, 429, new ErrorBody(message, ErrorBody.RATE_LIMIT, "", "rate_limit_exceeded"));
    }
}
