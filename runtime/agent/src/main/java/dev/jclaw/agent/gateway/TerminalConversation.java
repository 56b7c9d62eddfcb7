package dev.jclaw.agent.gateway;

import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.gateway.TurnHandle;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.core.event.AgentEvent;
import java.util.function.Consumer;

/**
 * A conversation of the host's own terminal channel — {@code jclaw run} and {@code jclaw chat}, in their process or
 * through a server's conversation routes — opened with {@link LocalGateway#openTerminal}. It is a gateway
 * conversation like any other (the principal's own session key, tier, quota and asynchronous approvals), whose turns
 * the terminal also follows in full: the core's events, model retries, compactions and denied calls included, which
 * the plugin API's {@link dev.jclaw.api.gateway.TurnEvent} leaves out. Not offered to plugins.
 */
public interface TerminalConversation extends GatewayConversation {

    /**
     * Sends a message, like {@link #send(UserMessage, Consumer)}, telling the listener the core's events.
     *
     * @param message the message
     * @param events told each event of the turn, in order, ending with Done or Failed (reason {@code aborted} for a
     *               stopped or withdrawn turn)
     * @return the turn
     * @throws dev.jclaw.api.gateway.GatewayException BUSY when the conversation's queue or the user's turns are full
     */
    TurnHandle sendFollowed(UserMessage message, Consumer<AgentEvent> events);
}
