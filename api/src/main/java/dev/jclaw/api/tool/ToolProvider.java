package dev.jclaw.api.tool;

import dev.jclaw.api.PluginContext;
import java.util.List;

/**
 * The service a tool plugin provides.
 *
 * <pre>{@code
 * public final class ClockTools implements ToolProvider {
 *     public List<Tool> tools(PluginContext context) { return List.of(new NowTool()); }
 * }
 * // module-info: provides dev.jclaw.api.tool.ToolProvider with com.example.clock.ClockTools;
 * }</pre>
 *
 * <p>Called once per plugin start, after {@link dev.jclaw.api.Plugin#start}, and again, on the same object with the
 * same context, each time the plugin announces that its tools changed ({@link ToolsChanged}, since 1.3). At start, a
 * tool whose name another active plugin already offers refuses the whole plugin, with a reason naming both; after
 * an announcement, that one tool is left out and the plugin warned.
 *
 * @since 0.1
 */
public interface ToolProvider {

    /**
     * Returns the tools this plugin offers.
     *
     * @param context the plugin's context
     * @return the tools; names must be unique
     */
    List<Tool> tools(PluginContext context);
}
