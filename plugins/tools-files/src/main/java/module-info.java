/**
 * File tools for the model, each confined to the call's workspace: {@code read}, {@code write}, {@code edit},
 * {@code grep} and {@code glob}.
 */
module dev.jclaw.plugins.files {
    requires dev.jclaw.api;

    provides dev.jclaw.api.tool.ToolProvider with dev.jclaw.plugins.files.FileTools;
}
