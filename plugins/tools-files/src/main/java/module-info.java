/**
 * File tools for the model, confined to the call's workspace: {@code read} for now.
 */
module dev.jclaw.plugins.files {
    requires dev.jclaw.api;

    provides dev.jclaw.api.tool.ToolProvider with dev.jclaw.plugins.files.FileTools;
}
