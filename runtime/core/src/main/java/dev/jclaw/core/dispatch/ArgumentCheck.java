package dev.jclaw.core.dispatch;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonBoolean;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.core.schema.JsonSchema;
import dev.jclaw.core.schema.SchemaException;
import dev.jclaw.core.schema.SchemaViolation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Checks a call's arguments before the tool runs: they must be a JSON object that matches the tool's declared
 * parameters schema. A mismatch becomes one message for the model naming every path that is wrong; the tool does
 * not run. Schemas are compiled once per schema text and cached; a tool whose own schema cannot be compiled is
 * logged once and its calls go unchecked (the model cannot fix the tool's schema, and the tool still checks its
 * input itself).
 *
 * <p>Thread-safety: safe for concurrent calls.
 */
public final class ArgumentCheck {
    private static final System.Logger LOG = System.getLogger(ArgumentCheck.class.getName());
    /** Tools come and go (MCP servers); past this many distinct schemas the cache starts again. */
    private static final int MAX_CACHED = 1_024;

    /** Stands for a schema that could not be compiled: matches everything. */
    private static final JsonSchema UNCHECKED = JsonSchema.compile(JsonBoolean.TRUE);

    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** The outcome of a check. */
    public sealed interface Result {
        /**
         * The arguments may be passed to the tool.
         *
         * @param arguments the parsed arguments
         */
        record Valid(JsonObject arguments) implements Result {
        }

        /**
         * The tool must not run.
         *
         * @param message what the model reads: what was wrong, where, and to send the call again
         */
        record Invalid(String message) implements Result {
        }
    }

    /**
     * Checks a call's arguments.
     *
     * @param tool the tool's definition
     * @param arguments the arguments' JSON text as the model sent them (blank means {@code {}})
     * @return valid with the parsed object, or invalid with the message for the model
     */
    public Result check(ToolDefinition tool, String arguments) {
        JsonObject parsed;
        try {
            parsed = arguments.isBlank() ? JsonObject.EMPTY : Json.parseObject(arguments);
        } catch (JsonException e) {
            return new Result.Invalid("the arguments of " + tool.name() + " are not a valid JSON object ("
                    + e.getMessage() + "); send them again as JSON");
        }
        List<SchemaViolation> wrong = schema(tool).validate(parsed);
        if (wrong.isEmpty()) {
            return new Result.Valid(parsed);
        }
        String listed = wrong.stream().map(SchemaViolation::toString).collect(Collectors.joining("; "));
        return new Result.Invalid("the arguments of " + tool.name() + " do not match its parameters schema: "
                + listed + (wrong.size() >= JsonSchema.MAX_VIOLATIONS ? "; …" : "")
                + ". The tool did not run; send the call again with corrected arguments");
    }

    private JsonSchema schema(ToolDefinition tool) {
        JsonSchema known = compiled.get(tool.parametersSchema());
        if (known != null) {
            return known;
        }
        if (compiled.size() >= MAX_CACHED) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(tool.parametersSchema(), text -> {
            try {
                return JsonSchema.compile(text);
            } catch (SchemaException e) {
                LOG.log(System.Logger.Level.WARNING, "the parameters schema of tool " + tool.name()
                        + " cannot be checked, so its calls go unchecked: " + e.getMessage());
                return UNCHECKED;
            }
        });
    }
}
