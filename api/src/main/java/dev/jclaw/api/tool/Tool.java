package dev.jclaw.api.tool;

/**
 * A function the model can call.
 *
 * <pre>{@code
 * final class NowTool implements Tool {
 *     public String name() { return "now"; }
 *     public String description() { return "Current UTC time, ISO-8601."; }
 *     public String parametersSchema() { return "{\"type\":\"object\",\"properties\":{}}"; }
 *     public ToolClass toolClass() { return ToolClass.READ; }
 *     public ToolResult execute(ToolContext context) { return ToolResult.ok(Instant.now().toString()); }
 * }
 * }</pre>
 *
 * <p>Implementations are called from many virtual threads at once and must be thread-safe. An exception thrown by
 * {@link #execute} becomes a {@link ToolResult.Failed} the model can read; it never ends the turn.
 *
 * @since 0.1
 */
public interface Tool {

    /**
     * The name the model calls, unique across all plugins: letters, digits, {@code _} and {@code -}, at most 64.
     *
     * @return the name
     */
    String name();

    /**
     * What the tool does and when to use it, for the model.
     *
     * @return the description
     */
    String description();

    /**
     * The JSON Schema of the arguments object, as JSON text.
     *
     * @return the schema
     */
    String parametersSchema();

    /**
     * Whether the tool only reads.
     *
     * @return the class
     */
    ToolClass toolClass();

    /**
     * Runs one call.
     *
     * @param context the call's arguments, workspace and deadline
     * @return the result
     * @throws Exception reported to the model as a failed call
     */
    ToolResult execute(ToolContext context) throws Exception;
}
