package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The validator on small schemas, for keywords the real schema does not use (yet). */
class SchemaTest {

    private static SchemaNode schema(String json) {
        return SchemaNode.compile(Json.parse(json), "#");
    }

    private static JsonValue check(String schema, String value) {
        return new Validator(Map.of()).check(Json.parse(value), schema(schema), KeyPath.ROOT);
    }

    private static Violation violation(String schema, String value) {
        Violation v = catchThrowableOfType(Violation.class, () -> check(schema, value));
        assertThat(v).as("a violation").isNotNull();
        return v;
    }

    @Nested
    class Keywords {

        private static final String MODE = """
                {"type": "object", "additionalProperties": false, "properties": {
                  "mode": {"type": "string", "enum": ["fast", "safe"]},
                  "level": {"type": "integer", "enum": [1, 2]}}}""";

        @Test
        void enum_accepts_listed_values_only() {
            assertThat(check(MODE, "{\"mode\": \"safe\", \"level\": 2.0}")).isEqualTo(Json.parse("{\"mode\": \"safe\", \"level\": 2.0}"));

            Violation v = violation(MODE, "{\"mode\": \"slow\"}");
            assertThat(v.path().text()).isEqualTo("mode");
            assertThat(v.problem()).isEqualTo("expected one of \"fast\", \"safe\", got \"slow\"");
            assertThat(violation(MODE, "{\"level\": 3}").problem()).isEqualTo("expected one of 1, 2, got 3");
        }

        @Test
        void required_names_a_missing_key() {
            String schema = """
                    {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "minLength": 2}}}""";

            Violation v = violation(schema, "{}");

            assertThat(v.path().text()).isEqualTo("name");
            assertThat(v.problem()).isEqualTo("expected a string of at least 2 characters, got nothing; the key is required");
        }

        @Test
        void min_length_counts_code_points_not_chars() {
            String schema = "{\"type\": \"string\", \"minLength\": 2}";

            assertThat(violation(schema, "\"😀\"").problem()).isEqualTo("expected a string of at least 2 characters, got \"😀\"");
            assertThat(check(schema, "\"😀😀\"")).isEqualTo(Json.parse("\"😀😀\""));
        }

        @Test
        void pattern_matches_anywhere_unless_anchored_and_messages_say_the_rule_in_words() {
            assertThat(check("{\"type\": \"string\", \"pattern\": \"b\", \"x-expected\": \"text with a b\"}",
                    "\"abc\"")).isEqualTo(Json.parse("\"abc\""));
            assertThat(violation("{\"type\": \"string\", \"pattern\": \"^b\", \"x-expected\": \"a word starting with b\"}",
                    "\"abc\"").problem()).isEqualTo("expected a word starting with b, got \"abc\"");
        }

        @Test
        void numbers_take_fractions_and_one_sided_ranges() {
            assertThat(check("{\"type\": \"number\", \"minimum\": 0.5}", "0.75")).isEqualTo(Json.parse("0.75"));
            assertThat(violation("{\"type\": \"number\", \"minimum\": 0.5}", "0.25").problem())
                    .isEqualTo("expected a number of at least 0.5, got 0.25");
            assertThat(violation("{\"type\": \"integer\", \"maximum\": 9}", "10").problem())
                    .isEqualTo("expected an integer of at most 9, got 10");
            assertThat(violation("{\"type\": \"number\"}", "\"1\"").problem()).isEqualTo("expected a number, got \"1\"");
        }

        @Test
        void an_object_without_additional_properties_takes_anything_unchecked() {
            assertThat(check("{\"type\": \"object\"}", "{\"a\": [1, {\"b\": null}]}"))
                    .isEqualTo(Json.parse("{\"a\": [1, {\"b\": null}]}"));
        }

        @Test
        void arrays_check_each_element_their_length_and_duplicates() {
            String inputs = """
                    {"type": "array", "items": {"type": "string", "enum": ["text", "image"]},
                     "minItems": 1, "uniqueItems": true}""";
            assertThat(check(inputs, "[\"text\", \"image\"]")).isEqualTo(Json.parse("[\"text\", \"image\"]"));
            assertThat(violation(inputs, "[\"text\", \"audio\"]").path().text()).isEqualTo("[1]");
            assertThat(violation(inputs, "[]").problem()).isEqualTo("expected a non-empty array of distinct values,"
                    + " each one of \"text\", \"image\", got 0 of them");
            assertThat(violation(inputs, "[\"text\", \"text\"]").problem()).endsWith("got \"text\" twice");
            assertThat(violation(inputs, "\"text\"").problem()).endsWith("got \"text\"");
        }

        @Test
        void an_object_closed_without_properties_says_so() {
            assertThat(violation("{\"type\": \"object\", \"additionalProperties\": false}", "{\"a\": 1}").problem())
                    .isEqualTo("unknown key; expected no keys here");
        }
    }

    @Nested
    class TextValues {

        @Test
        void are_read_by_the_keys_type() {
            assertThat(schema("{\"type\": \"integer\"}").parseText("-12")).contains(Json.parse("-12"));
            assertThat(schema("{\"type\": \"integer\"}").parseText("1.0")).isEmpty();
            assertThat(schema("{\"type\": \"integer\"}").parseText("")).isEmpty();
            assertThat(schema("{\"type\": \"number\"}").parseText("1.5e3")).contains(Json.parse("1.5e3"));
            assertThat(schema("{\"type\": \"number\"}").parseText("[1]")).isEmpty();
            assertThat(schema("{\"type\": \"boolean\"}").parseText("True")).contains(Json.parse("true"));
            assertThat(schema("{\"type\": \"boolean\"}").parseText("1")).isEmpty();
            assertThat(schema("{\"type\": \"string\"}").parseText(" as is ")).contains(Json.parse("\" as is \""));
        }
    }

    @Nested
    class Defaults {

        @Test
        void fill_absent_keys_and_sections_in_schema_order_after_present_ones() {
            SchemaNode node = schema("""
                    {"type": "object", "properties": {
                      "a": {"type": "integer", "default": 1},
                      "b": {"type": "object", "properties": {"c": {"type": "boolean", "default": true}}},
                      "d": {"type": "object", "properties": {"e": {"type": "string"}}}}}""");

            JsonObject filled = node.withDefaults(Json.parseObject("{\"b\": {}, \"x\": 0}"));

            assertThat(Json.write(filled)).isEqualTo("{\"b\":{\"c\":true},\"x\":0,\"a\":1}");
        }

        @Test
        void fill_the_entries_of_a_map_too() {
            SchemaNode node = schema("""
                    {"type": "object", "additionalProperties": {"type": "object", "properties": {
                      "timeout": {"type": "integer", "default": 600}}}}""");

            JsonObject filled = node.withDefaults(Json.parseObject("{\"a\": {}, \"b\": {\"timeout\": 5}}"));

            assertThat(Json.write(filled)).isEqualTo("{\"a\":{\"timeout\":600},\"b\":{\"timeout\":5}}");
        }
    }

    @Nested
    class Compiling {

        @Test
        void refuses_keywords_it_does_not_enforce() {
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"type\": \"string\", \"format\": \"uri\"}"))
                    .withMessage("configuration schema at #: unsupported keyword \"format\"");
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"type\": \"object\", \"oneOf\": []}"))
                    .withMessageContaining("unsupported keyword \"oneOf\"");
        }

        @Test
        void refuses_a_pattern_without_the_rule_in_words_so_that_no_user_reads_a_regular_expression() {
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"type\": \"string\", \"pattern\": \"^b\"}"))
                    .withMessage("configuration schema at #: a \"pattern\" needs \"x-expected\", the rule in words for"
                            + " messages");
        }

        @Test
        void bundled_messages_and_variables_show_no_regular_expression() {
            assertThat(ConfigLoader.environmentMapping()).extracting(EnvironmentOverride::expected)
                    .noneMatch(expected -> expected.contains("^") || expected.contains("\\S") || expected.contains("matching"));
        }

        @Test
        void refuses_keywords_of_another_type() {
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"type\": \"string\", \"minimum\": 1}"))
                    .withMessage("configuration schema at #: \"minimum\" does not apply to type string");
        }

        @Test
        void refuses_a_node_without_a_single_type() {
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"description\": \"x\"}"))
                    .withMessageContaining("\"type\" is required");
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"type\": [\"string\", \"null\"]}"))
                    .withMessageContaining("must be a string");
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"type\": \"null\"}"))
                    .withMessageContaining("unsupported type \"null\"");
            assertThatIllegalArgumentException().isThrownBy(() -> schema("{\"type\": \"array\"}"))
                    .withMessageContaining("an array needs \"items\"");
        }

        @Test
        void names_where_the_problem_is() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> schema("{\"type\": \"object\", \"properties\": {\"a\": {\"type\": \"date\"}}}"))
                    .withMessage("configuration schema at #.properties.a: unsupported type \"date\"");
        }

        @Test
        void refuses_a_default_its_own_schema_refuses() {
            assertThatIllegalArgumentException().isThrownBy(() -> ConfigSchema.of(Json.parseObject("""
                    {"type": "object", "properties": {"port": {"type": "integer", "maximum": 10, "default": 11}}}""")))
                    .withMessage("configuration schema: default of port: expected an integer of at most 10, got 11");
        }

        @Test
        void refuses_keys_that_are_not_dashed_lower_case() {
            assertThatIllegalArgumentException().isThrownBy(() -> ConfigSchema.of(Json.parseObject("""
                    {"type": "object", "properties": {"server": {"type": "object", "properties": {
                      "maxBody": {"type": "integer"}}}}}""")))
                    .withMessage("configuration schema: key server.maxBody is not dashed lower case");
        }

        @Test
        void refuses_two_keys_with_the_same_variable() {
            assertThatIllegalArgumentException().isThrownBy(() -> ConfigSchema.of(Json.parseObject("""
                    {"type": "object", "properties": {
                      "data-dir": {"type": "string"},
                      "data": {"type": "object", "properties": {"dir": {"type": "string"}}}}}""")))
                    .withMessage("configuration schema: data.dir maps to JCLAW_DATA_DIR, which is already taken by data-dir");
        }

        @Test
        void refuses_a_key_that_would_take_jclaw_home() {
            assertThatIllegalArgumentException().isThrownBy(() -> ConfigSchema.of(Json.parseObject("""
                    {"type": "object", "properties": {"home": {"type": "string"}}}""")))
                    .withMessage("configuration schema: home maps to JCLAW_HOME, which is already taken");
        }

        @Test
        void accepts_the_bundled_schema() {
            assertThat(ConfigSchema.bundled().leaves()).hasSize(ConfigLoader.environmentMapping().size());
        }
    }
}
