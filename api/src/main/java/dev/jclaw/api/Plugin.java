package dev.jclaw.api;

/**
 * Optional lifecycle of a plugin. Provide it when the plugin must open or release resources; a plugin that only
 * offers tools or hooks needs none.
 *
 * <pre>{@code
 * public final class CachePlugin implements Plugin {
 *     private ExecutorService pool;
 *     public void start(PluginContext context) { pool = Executors.newVirtualThreadPerTaskExecutor(); }
 *     public void stop() { pool.close(); }
 * }
 * // module-info: provides dev.jclaw.api.Plugin with com.example.CachePlugin;
 * }</pre>
 *
 * <p>The host calls {@link #start} once, before any of the plugin's services are used, with a deadline: a start
 * that throws or does not return in time marks the plugin FAILED. {@link #stop} is called once, after in-flight
 * calls have drained, also with a deadline. Neither is called concurrently with itself.
 *
 * @since 0.1
 */
public interface Plugin {

    /**
     * Starts the plugin.
     *
     * @param context what the host offers the plugin
     * @throws Exception to refuse to start; the plugin becomes FAILED with the exception's message
     */
    default void start(PluginContext context) throws Exception {
    }

    /**
     * Stops the plugin and releases what it holds; threads it started must end.
     *
     * @throws Exception logged with the plugin's id; the plugin is unloaded all the same
     */
    default void stop() throws Exception {
    }
}
