/**
 * HTTP and WebSocket endpoints a plugin can serve without seeing the web server's types. The host adapts them to its
 * server and mounts them while the plugin is active; requests that reach an endpoint during a reload finish on the
 * version that took them.
 *
 * @since 0.1
 */
package dev.jclaw.api.http;
