package dev.jclaw.server.http;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.nio.charset.StandardCharsets;

/**
 * Answers what Helidon refuses before routing (a malformed request line or header, a body over the limit, a too
 * long URI, another HTTP version) in the one error shape every JClaw endpoint uses, {@code {"error": "..."}}.
 *
 * <p>Helidon serves HTTP/1.1 only and refuses HTTP/1.0 here. Simple load-balancer health checks still speak
 * HTTP/1.0, so {@code GET /health} (liveness, which is "UP" whenever this code runs) is answered here too.
 */
public final class TransportErrors implements DirectHandler {
    private final long maxBodyBytes;

    private TransportErrors(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Builds the handlers for every event type Helidon reports.
     *
     * @param maxBodyBytes the configured body limit, named in the 413 answer
     * @return the handlers
     */
    public static DirectHandlers handlers(long maxBodyBytes) {
        TransportErrors handler = new TransportErrors(maxBodyBytes);
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            builder.addHandler(type, handler);
        }
        return builder.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        if (eventType == EventType.HTTP_VERSION_NOT_SUPPORTED && request.method().equals("GET")
                && request.path().equals("/health")) {
            return json(Status.OK_200, responseHeaders, JsonObject.builder().put("status", "UP").build(), false);
        }
        Status status = defaultStatus == null ? eventType.defaultStatus() : defaultStatus;
        return json(status, responseHeaders, JsonObject.builder().put("error", sentence(status)).build(),
                eventType.keepAlive());
    }

    private String sentence(Status status) {
        return switch (status.code()) {
            case 400 -> "the request is not valid HTTP/1.1: check its request line and headers";
            case 403 -> "this request is not allowed";
            case 408 -> "the request took too long to arrive; send it again";
            case 413 -> "the request body is larger than " + maxBodyBytes
                    + " bytes (server.max-body-bytes); send a smaller one";
            case 414 -> "the request line is too long; use a shorter URL";
            case 431 -> "the request headers are too large; send fewer or shorter headers";
            case 503 -> "the server is busy; try again shortly";
            case 505 -> "only HTTP/1.1 is supported; send the request as HTTP/1.1";
            default -> status.code() >= 500 ? "internal error" : "the request was refused (" + status.code() + " "
                    + status.reasonPhrase() + ")";
        };
    }

    private static TransportResponse json(Status status, ServerResponseHeaders headers, JsonObject body,
                                          boolean keepAlive) {
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        headers.set(HeaderNames.CACHE_CONTROL, "no-store");
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .entity(Json.write(body).getBytes(StandardCharsets.UTF_8))
                .keepAlive(keepAlive)
                .build();
    }
}
