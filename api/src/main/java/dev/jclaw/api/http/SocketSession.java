package dev.jclaw.api.http;

import java.util.Map;
import java.util.Optional;

/**
 * One open WebSocket connection, as seen by a {@link WebSocketHandler}. Sending is thread-safe.
 *
 * @since 0.1
 */
public interface SocketSession {

    /**
     * A unique id for the connection, for logs.
     *
     * @return the id
     */
    String id();

    /**
     * The query parameters of the upgrade request (e.g. a token).
     *
     * @return parameters, first value of each
     */
    Map<String, String> query();

    /**
     * Returns a header of the upgrade request.
     *
     * @param name the name, in any case
     * @return the value, or empty
     */
    Optional<String> header(String name);

    /**
     * Sends a text message.
     *
     * @param text the message
     * @throws java.io.UncheckedIOException when the connection is gone
     */
    void send(String text);

    /**
     * Closes the connection.
     *
     * @param code a WebSocket close code, e.g. 1000
     * @param reason a short reason
     */
    void close(int code, String reason);
}
