package dev.jclaw.core.model;

import java.util.Objects;

/**
 * A tool offered to the model.
 *
 * @param name the name
 * @param description what it does
 * @param parametersSchema the JSON Schema of its arguments, as JSON text
 */
public record ToolDefinition(String name, String description, String parametersSchema) {
    /** Checks the fields. */
    public ToolDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parametersSchema, "parametersSchema");
    }
}
