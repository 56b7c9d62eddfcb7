package dev.jclaw.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonSchemaTest {
    /** The schema of the files plugin's grep tool, near enough: what tools actually declare. */
    static final String GREP = """
            {"type": "object",
             "properties": {
               "pattern": {"type": "string", "minLength": 1, "description": "a regex"},
               "path": {"type": "string"},
               "glob": {"type": ["string", "null"]},
               "max_results": {"type": "integer", "minimum": 1, "maximum": 1000},
               "mode": {"enum": ["content", "files", "count"]},
               "context": {"type": "object", "properties": {"before": {"type": "integer", "minimum": 0}},
                           "additionalProperties": false},
               "paths": {"type": "array", "items": {"type": "string", "pattern": "^[^/]"}, "maxItems": 3}
             },
             "required": ["pattern"],
             "additionalProperties": false}
            """;

    static List<String> check(String schema, String value) {
        return JsonSchema.compile(schema).validate(Json.parse(value)).stream().map(SchemaViolation::toString)
                .toList();
    }

    @Nested
    class Keywords {
        @Test
        void a_matching_value_has_no_violations() {
            assertThat(check(GREP, """
                    {"pattern": "TODO", "path": "src", "glob": null, "max_results": 10.0, "mode": "files",
                     "context": {"before": 2}, "paths": ["a", "b"]}""")).isEmpty();
        }

        @Test
        void names_every_path_that_is_wrong() {
            assertThat(check(GREP, """
                    {"path": 3, "max_results": 1.5, "mode": "lines", "context": {"before": -1, "after": 1},
                     "paths": ["ok", "/etc", 7], "colour": true}""")).containsExactly(
                    "required property \"pattern\" is missing",
                    "path: expected string, got integer",
                    "max_results: expected integer, got number",
                    "mode: must be one of \"content\", \"files\", \"count\", got \"lines\"",
                    "context.before: must be at least 0, got -1",
                    "context.after: unexpected property; only before are allowed",
                    "paths[1]: does not match the pattern ^[^/]",
                    "paths[2]: expected string, got integer",
                    "colour: unexpected property; only pattern, path, glob, max_results, mode, context, paths are"
                            + " allowed");
        }

        @Test
        void checks_lengths_sizes_and_bounds() {
            assertThat(check(GREP, "{\"pattern\": \"\", \"max_results\": 1001, \"paths\": [\"a\",\"b\",\"c\",\"d\"]}"))
                    .containsExactly("pattern: is 0 characters long, at least 1 needed",
                            "max_results: must be at most 1000, got 1001", "paths: has 4 items, at most 3 allowed");
            assertThat(check("{\"type\":\"string\",\"maxLength\":2}", "\"😀😀\"")).isEmpty(); // code points
            assertThat(check("{\"type\":\"array\",\"minItems\":1}", "[]"))
                    .containsExactly("has 0 items, at least 1 needed");
            assertThat(check("{\"exclusiveMinimum\":0,\"exclusiveMaximum\":1}", "0"))
                    .containsExactly("must be greater than 0, got 0");
            assertThat(check("{\"minimum\":0,\"exclusiveMinimum\":true}", "0")) // draft 4
                    .containsExactly("must be greater than 0, got 0");
            assertThat(check("{\"exclusiveMaximum\":1}", "1")).containsExactly("must be less than 1, got 1");
        }

        @Test
        void const_and_enum_compare_json_values_not_their_text() {
            assertThat(check("{\"const\": 1}", "1.0")).isEmpty();
            assertThat(check("{\"enum\": [{\"a\": [1, 2]}]}", "{\"a\": [1.0, 2]}")).isEmpty();
            assertThat(check("{\"const\": \"x\"}", "\"y\"")).containsExactly("must be \"x\"");
        }

        @Test
        void combines_schemas_with_any_one_and_all_of() {
            String oneOf = "{\"oneOf\": [{\"type\": \"string\"}, {\"type\": \"integer\", \"minimum\": 0}]}";
            assertThat(check(oneOf, "\"a\"")).isEmpty();
            assertThat(check(oneOf, "-1")).containsExactly("matches none of the allowed forms (expected string,"
                    + " got integer; or must be at least 0, got -1)");
            assertThat(check("{\"oneOf\": [{\"type\": \"number\"}, {\"type\": \"integer\"}]}", "1"))
                    .containsExactly("matches more than one of the allowed forms; it must match exactly one");
            assertThat(check("{\"anyOf\": [{\"type\": \"number\"}, {\"type\": \"integer\"}]}", "1")).isEmpty();
            assertThat(check("{\"allOf\": [{\"minimum\": 1}, {\"maximum\": 3}]}", "4"))
                    .containsExactly("must be at most 3, got 4");
            assertThat(check("{\"not\": {\"type\": \"null\"}}", "null"))
                    .containsExactly("matches a form that is not allowed here");
        }

        @Test
        void additional_properties_may_be_a_schema_and_boolean_schemas_work() {
            String map = "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"integer\"}}";
            assertThat(check(map, "{\"a\": 1, \"weird key\": \"x\"}"))
                    .containsExactly("[\"weird key\"]: expected integer, got string");
            assertThat(check("true", "{\"anything\": [1]}")).isEmpty();
            assertThat(check("false", "1")).containsExactly("no value is allowed here");
        }

        @Test
        void ignores_keywords_outside_the_subset() {
            assertThat(check("{\"type\": \"string\", \"format\": \"uri\", \"$ref\": \"#/x\", \"x-foo\": 1}",
                    "\"not a uri\"")).isEmpty();
            assertThat(check("{\"type\": \"any\"}", "3")).isEmpty();
        }

        @Test
        void refuses_to_compile_a_schema_whose_keywords_are_of_the_wrong_kind() {
            assertThatThrownBy(() -> JsonSchema.compile("{\"minLength\": \"3\"}"))
                    .isInstanceOf(SchemaException.class).hasMessage("#/minLength: must be a number");
            assertThatThrownBy(() -> JsonSchema.compile("{\"properties\": {\"a\": {\"pattern\": \"(\"}}}"))
                    .hasMessageStartingWith("#/properties/a/pattern: not a regular expression");
            assertThatThrownBy(() -> JsonSchema.compile("{\"required\": \"a\"}")).hasMessage("#/required: must be"
                    + " an array");
            assertThatThrownBy(() -> JsonSchema.compile("{\"anyOf\": []}")).hasMessage("#/anyOf: must not be empty");
            assertThatThrownBy(() -> JsonSchema.compile("{oops")).hasMessageStartingWith("the schema is not valid"
                    + " JSON");
        }
    }

    @Nested
    class HostileInput {
        @Test
        void deep_nesting_under_a_shallow_schema_is_not_walked() {
            String deep = "[".repeat(250) + "]".repeat(250);
            assertThat(check(GREP, "{\"pattern\": \"x\", \"path\": " + deep + "}"))
                    .containsExactly("path: expected string, got array");
        }

        @Test
        void deep_nesting_under_a_recursive_looking_schema_stays_bounded() {
            StringBuilder schema = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                schema.append("{\"type\":\"object\",\"additionalProperties\":");
            }
            schema.append("{\"type\":\"string\"}").append("}".repeat(100));
            String value = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
            assertThat(check(schema.toString(), value)).singleElement().asString()
                    .startsWith("a.a.a.").endsWith(": expected string, got integer");
        }

        @Test
        void a_huge_array_of_wrong_items_reports_a_bounded_list_quickly() {
            String value = "{\"pattern\": \"x\", \"paths\": [" + "1,".repeat(200_000) + "1]}";
            long start = System.nanoTime();
            List<String> found = check(GREP, value);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(found).hasSize(JsonSchema.MAX_VIOLATIONS).first().asString()
                    .isEqualTo("paths: has 200001 items, at most 3 allowed");
        }

        @Test
        void a_catastrophic_pattern_gives_up_instead_of_holding_the_thread() {
            // Java's regex engine memoises some loops (^(a+)+$ is fast); this one still backtracks exponentially
            String schema = "{\"type\": \"string\", \"pattern\": \"(x+x+)+y\"}";
            long start = System.nanoTime();
            List<String> found = check(schema, "\"" + "x".repeat(60) + "\"");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(found).containsExactly("could not be checked against the pattern (x+x+)+y in reasonable time;"
                    + " send a shorter or simpler value");
            assertThat(check(schema, "\"xxxxy\"")).isEmpty();
        }

        @Test
        void long_and_odd_property_names_are_cut_and_quoted_in_paths() {
            String name = "k\\n" + "x".repeat(500);
            assertThat(check("{\"additionalProperties\": false}", "{\"" + name + "\": 1}")).singleElement()
                    .asString().startsWith("[\"k\\n").contains("…").endsWith("\"]: unexpected property; only none"
                            + " are allowed");
        }
    }
}
