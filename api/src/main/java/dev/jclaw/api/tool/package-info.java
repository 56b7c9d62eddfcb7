/**
 * Tools the model can call. A plugin {@code provides} a {@link dev.jclaw.api.tool.ToolProvider}, which returns
 * {@link dev.jclaw.api.tool.Tool}s; each call gets a {@link dev.jclaw.api.tool.ToolContext} and returns a sealed
 * {@link dev.jclaw.api.tool.ToolResult}.
 *
 * @since 0.1
 */
package dev.jclaw.api.tool;
