package dev.jclaw.api.http;

import java.util.Objects;

/**
 * A WebSocket endpoint at an exact path.
 *
 * @param path the path, e.g. {@code /ws/chat}
 * @param handler receives the connections' events
 * @since 0.1
 */
public record WebSocketEndpoint(String path, WebSocketHandler handler) {
    /** Checks the fields. */
    public WebSocketEndpoint {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/") || path.contains("//") || path.contains("..") || path.endsWith("/*")) {
            throw new IllegalArgumentException("websocket path '" + path + "' must be an exact, normalised path");
        }
    }
}
