package dev.jclaw.core.dispatch;

import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.model.ToolDefinition;
import java.util.List;
import java.util.Optional;

/** The tools a turn may call, whoever provides them (plugins through the host, MCP bridges, built-ins). */
public interface ToolPort {

    /**
     * Lists the tools offered to the model, in a stable order.
     *
     * @return the definitions
     */
    List<ToolDefinition> definitions();

    /**
     * Tells whether a tool exists and whether it only reads.
     *
     * @param name the tool name
     * @return its class, or empty when there is no such tool now
     */
    Optional<ToolClass> classOf(String name);

    /**
     * Calls a tool on the calling thread; interrupting the thread asks the tool to stop.
     *
     * @param name the tool name
     * @param context the call
     * @return the result, or empty when the tool went away
     */
    Optional<ToolResult> call(String name, ToolContext context);

    /**
     * Finds one tool's definition (the host checks the call's arguments against its schema).
     *
     * @param name the tool name
     * @return its definition, or empty when there is no such tool now
     */
    default Optional<ToolDefinition> definition(String name) {
        return definitions().stream().filter(d -> d.name().equals(name)).findFirst();
    }
}
