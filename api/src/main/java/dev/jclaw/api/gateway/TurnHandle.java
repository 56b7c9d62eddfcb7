package dev.jclaw.api.gateway;

import java.util.concurrent.CompletableFuture;

/**
 * A turn sent through the gateway. Its events go to the listener given at {@link GatewayConversation#send}, on the
 * turn's own thread; the listener must not block for long.
 *
 * @since 1.3
 */
public interface TurnHandle {

    /**
     * Stops the turn: a running model call or tool is interrupted, a queued turn is withdrawn.
     */
    void stop();

    /**
     * Returns the turn's end.
     *
     * @return completes with the last event: {@link TurnEvent.Done}, {@link TurnEvent.Failed} or
     *         {@link TurnEvent.Aborted}; never completes exceptionally
     */
    CompletableFuture<TurnEvent> end();
}
