package dev.jclaw.host;

/**
 * A plugin could not be installed, resolved or started. The message is one sentence naming the plugin and the
 * reason; the host marks the plugin FAILED with it and keeps running.
 */
public final class PluginLoadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The plugin's id, or its file name when the descriptor could not be read. */
    private final String plugin;

    /**
     * Creates the exception.
     *
     * @param plugin the plugin's id or file name
     * @param message the reason
     */
    public PluginLoadException(String plugin, String message) {
        super(message);
        this.plugin = plugin;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param plugin the plugin's id or file name
     * @param message the reason
     * @param cause the cause, logged but not shown to users
     */
    public PluginLoadException(String plugin, String message, Throwable cause) {
        super(message, cause);
        this.plugin = plugin;
    }

    /**
     * Returns the plugin's id, or its file name when the descriptor could not be read.
     *
     * @return the plugin
     */
    public String plugin() {
        return plugin;
    }
}
