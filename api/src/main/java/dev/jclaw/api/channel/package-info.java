/**
 * Channels: the ways users reach the agent (web chat, Feishu, ...). A {@link dev.jclaw.api.channel.Channel} serves
 * HTTP and WebSocket endpoints through {@link dev.jclaw.api.http} records, so it never sees the web server's types.
 *
 * @since 0.1
 */
package dev.jclaw.api.channel;
