package dev.jclaw.bench;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.dispatch.ArgumentCheck;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.core.schema.JsonSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * What the host's check of tool arguments costs per call: the grep tool's schema (five properties, a required one,
 * bounds, {@code additionalProperties: false}) against typical arguments. Prints the median nanoseconds per
 * validation of parsed arguments, per parse alone, and per whole check (parse and validation, as the dispatcher does
 * it), each the median of rounds of many calls after a warm-up.
 *
 * <p>Usage: {@code ValidationBench [rounds]}; it needs only the core and the API on the class path.
 */
public final class ValidationBench {
    static final String SCHEMA = """
            {"type": "object", "properties": {
              "pattern": {"type": "string", "description": "A Java regular expression, matched within each line"},
              "path": {"type": "string", "description": "Directory or file to search, relative to the workspace"},
              "glob": {"type": "string", "description": "Only files matching this glob"},
              "case_insensitive": {"type": "boolean", "default": false},
              "max_results": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
             "required": ["pattern"], "additionalProperties": false}""";
    static final String ARGUMENTS = "{\"pattern\": \"TODO|FIXME\", \"path\": \"src/main\", \"glob\": \"*.java\","
            + " \"max_results\": 50}";
    private static final int CALLS = 200_000;

    private ValidationBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        JsonSchema schema = JsonSchema.compile(SCHEMA);
        JsonObject parsed = Json.parseObject(ARGUMENTS);
        ArgumentCheck check = new ArgumentCheck();
        ToolDefinition grep = new ToolDefinition("grep", "search", SCHEMA);
        if (!schema.validate(parsed).isEmpty() || !(check.check(grep, ARGUMENTS) instanceof ArgumentCheck.Result.Valid)) {
            throw new IllegalStateException("the benchmark's arguments must be valid");
        }
        long sink = 0;
        List<Double> validate = new ArrayList<>();
        List<Double> parse = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        for (int r = -3; r < rounds; r++) { // three warm-up rounds
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sink += schema.validate(parsed).size();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sink += Json.parseObject(ARGUMENTS).size();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sink += check.check(grep, ARGUMENTS) instanceof ArgumentCheck.Result.Valid ? 1 : 0;
            }
            long t3 = System.nanoTime();
            if (r >= 0) {
                validate.add((t1 - t0) / (double) CALLS);
                parse.add((t2 - t1) / (double) CALLS);
                whole.add((t3 - t2) / (double) CALLS);
            }
        }
        System.out.println(Stats.summary("validate parsed arguments", validate, "ns"));
        System.out.println(Stats.summary("parse arguments alone", parse, "ns"));
        System.out.println(Stats.summary("whole check (parse + schema lookup + validate)", whole, "ns"));
        System.out.println("(sink " + sink + ")");
    }
}
