/**
 * The agent gateway: how a channel (a plugin or one of the server's own) reaches the agent for an authenticated
 * {@link dev.jclaw.api.gateway.Principal}.
 *
 * @since 1.3
 */
package dev.jclaw.api.gateway;
