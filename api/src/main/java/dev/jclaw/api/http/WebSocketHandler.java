package dev.jclaw.api.http;

/**
 * Receives the events of WebSocket connections to one endpoint. Events of one connection arrive in order, on one
 * thread at a time.
 *
 * <pre>{@code
 * WebSocketHandler echo = new WebSocketHandler() {
 *     public void onText(SocketSession session, String text) { session.send(text); }
 * };
 * }</pre>
 *
 * @since 0.1
 */
public interface WebSocketHandler {

    /**
     * A connection opened.
     *
     * @param session the connection
     */
    default void onOpen(SocketSession session) {
    }

    /**
     * A whole text message arrived.
     *
     * @param session the connection
     * @param text the message
     */
    void onText(SocketSession session, String text);

    /**
     * The connection closed.
     *
     * @param session the connection
     * @param code the close code
     * @param reason the reason, may be empty
     */
    default void onClose(SocketSession session, int code, String reason) {
    }
}
