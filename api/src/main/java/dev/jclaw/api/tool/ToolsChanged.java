package dev.jclaw.api.tool;

/**
 * How a plugin says its tool list changed while it runs — an MCP bridge whose server added or removed tools. The
 * host then asks the plugin's {@link ToolProvider}s for their tools again and offers the new list from the next
 * model request on. Obtained from {@code context.services().find(ToolsChanged.class)}; each plugin gets its own.
 *
 * @since 1.3
 */
public interface ToolsChanged {

    /**
     * Announces that the calling plugin's tools changed. Cheap and safe to call from any thread, as often as the
     * plugin likes; calls close together are taken as one.
     */
    void announce();
}
