package dev.jclaw.plugins.files;

import dev.jclaw.api.PluginContext;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolProvider;
import java.util.List;

/**
 * The file tools this plugin offers: {@code read}, {@code write}, {@code edit}, {@code grep} and {@code glob}. Each tool confines its paths to the workspace of the call.
 */
public final class FileTools implements ToolProvider {

    /** Called by the service loader. */
    public FileTools() {
    }

    @Override
    public List<Tool> tools(PluginContext context) {
        return List.of(new ReadTool(), new WriteTool(), new EditTool(), new GrepTool(), new GlobTool());
    }
}
