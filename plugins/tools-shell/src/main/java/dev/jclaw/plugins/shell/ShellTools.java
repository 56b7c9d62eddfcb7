package dev.jclaw.plugins.shell;

import dev.jclaw.api.PluginContext;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolProvider;
import java.util.List;

/**
 * The tool this plugin offers: {@code bash}. Commands start from the server's environment, with secrets removed, in
 * the host's sandbox.
 */
public final class ShellTools implements ToolProvider {

    /** Called by the service loader. */
    public ShellTools() {
    }

    @Override
    public List<Tool> tools(PluginContext context) {
        // ShellPlugin.start has checked both already; this is the same check, so it passes
        ShellConfig config = ShellConfig.from(context.config());
        return List.of(new BashTool(config, Shell.locate(System.getenv()), System.getenv(), context.sandbox()));
    }
}
