package dev.jclaw.api.http;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP response: a full body, or a body written as a stream (server-sent events, downloads).
 *
 * <pre>{@code
 * HttpResponse ok = HttpResponse.json(200, JsonObject.builder().put("ok", true).build());
 * HttpResponse events = new HttpResponse.Streaming(200, Map.of("content-type", "text/event-stream"), out -> {
 *     out.write("data: hello\n\n".getBytes(StandardCharsets.UTF_8));
 *     out.flush();
 * });
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface HttpResponse {

    /**
     * The status code.
     *
     * @return the status
     */
    int status();

    /**
     * Headers by name.
     *
     * @return the headers
     */
    Map<String, String> headers();

    /**
     * A response with its whole body.
     *
     * @param status the status code
     * @param headers the headers
     * @param body the body
     * @since 0.1
     */
    record Full(int status, Map<String, String> headers, byte[] body) implements HttpResponse {
        /** Checks and copies the fields. */
        public Full {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * A response whose body is written as it is produced; each {@code flush} reaches the client.
     *
     * @param status the status code
     * @param headers the headers
     * @param writer writes the body; the stream is closed after it returns
     * @since 0.1
     */
    record Streaming(int status, Map<String, String> headers, BodyWriter writer) implements HttpResponse {
        /** Checks and copies the fields. */
        public Streaming {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(writer, "writer");
        }
    }

    /**
     * Writes a streaming body.
     *
     * @since 0.1
     */
    @FunctionalInterface
    interface BodyWriter {
        /**
         * Writes the body.
         *
         * @param out the response stream
         * @throws IOException when the client goes away
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A plain-text response.
     *
     * @param status the status code
     * @param text the body
     * @return the response
     */
    static HttpResponse text(int status, String text) {
        return new Full(status, Map.of("content-type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A JSON response.
     *
     * @param status the status code
     * @param body the body
     * @return the response
     */
    static HttpResponse json(int status, JsonValue body) {
        return new Full(status, Map.of("content-type", "application/json"),
                Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
