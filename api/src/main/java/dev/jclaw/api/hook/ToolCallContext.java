package dev.jclaw.api.hook;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolResult;
import java.util.Objects;

/**
 * A tool call seen by a hook, before it runs or, with its result, after.
 *
 * @param turn the turn the call belongs to
 * @param toolName the tool's name
 * @param arguments the arguments
 * @since 0.1
 */
public record ToolCallContext(TurnContext turn, String toolName, JsonObject arguments) {
    /** Checks the fields. */
    public ToolCallContext {
        Objects.requireNonNull(turn, "turn");
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(arguments, "arguments");
    }

    /**
     * Pairs this call with its result.
     *
     * @param result the result
     * @return the finished call
     */
    public Finished finished(ToolResult result) {
        return new Finished(this, result);
    }

    /**
     * A tool call with its result.
     *
     * @param call the call
     * @param result what it returned
     * @since 0.1
     */
    public record Finished(ToolCallContext call, ToolResult result) {
        /** Checks the fields. */
        public Finished {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(result, "result");
        }
    }
}
