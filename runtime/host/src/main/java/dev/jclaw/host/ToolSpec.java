package dev.jclaw.host;

import dev.jclaw.api.tool.ToolClass;

/**
 * A tool as the model sees it, and which plugin offers it.
 *
 * @param name the name
 * @param description the description
 * @param parametersSchema the JSON Schema of its arguments, as text
 * @param toolClass read or write
 * @param pluginId the plugin that offers it
 */
public record ToolSpec(String name, String description, String parametersSchema, ToolClass toolClass,
                       String pluginId) {
}
