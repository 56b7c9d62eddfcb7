package dev.jclaw.core.model;

import java.util.Objects;

/**
 * A tool call as the model made it. The arguments stay the model's JSON text: parsing it, and telling the model
 * when it is malformed, is the loop's job.
 *
 * @param id the model's id for the call ({@code call_<index>} when the provider sent none)
 * @param name the tool name, possibly namespaced ({@code server:tool})
 * @param arguments the arguments as JSON text, possibly malformed
 */
public record ToolCall(String id, String name, String arguments) {
    /** Checks the fields. */
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
