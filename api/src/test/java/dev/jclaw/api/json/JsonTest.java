package dev.jclaw.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    private static JsonException parseError(String text) {
        try {
            Json.parse(text);
        } catch (JsonException e) {
            return e;
        }
        throw new AssertionError("expected a JsonException for: " + text);
    }

    @Nested
    class RoundTrips {

        @ParameterizedTest
        @ValueSource(strings = {
            "{}", "[]", "\"\"", "true", "false", "null", "0", "42", "-7", "1.5",
            "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
            "[[],{},[{}],\"x\"]",
        })
        void compact_text_is_written_back_unchanged(String text) {
            assertThat(Json.write(Json.parse(text))).isEqualTo(text);
        }

        @Test
        void keeps_member_order_as_written() {
            JsonObject object = Json.parseObject("{\"z\":1,\"a\":2,\"m\":3}");

            assertThat(object.members().keySet()).containsExactly("z", "a", "m");
            assertThat(Json.write(object)).isEqualTo("{\"z\":1,\"a\":2,\"m\":3}");
        }

        @Test
        void pretty_output_indents_by_two_spaces_and_parses_back_to_the_same_value() {
            JsonValue value = Json.parse("{\"a\":[1,{\"b\":null}],\"c\":{},\"d\":[]}");

            String pretty = Json.writePretty(value);

            assertThat(pretty).isEqualTo("""
                {
                  "a": [
                    1,
                    {
                      "b": null
                    }
                  ],
                  "c": {},
                  "d": []
                }""");
            assertThat(Json.parse(pretty)).isEqualTo(value);
        }

        @Test
        void values_built_in_code_survive_write_and_parse() {
            JsonObject value = JsonObject.builder()
                    .put("text", "line\nbreak \"quoted\" back\\slash tab\t nul\u0000 é 😀")
                    .put("count", 3)
                    .put("flag", true)
                    .put("list", JsonArray.ofStrings(List.of("a", "b")))
                    .put("nothing", JsonNull.INSTANCE)
                    .build();

            assertThat(Json.parse(Json.write(value))).isEqualTo(value);
            assertThat(Json.parse(Json.writePretty(value))).isEqualTo(value);
        }

        @Test
        void the_value_records_print_as_json() {
            assertThat(Json.parseObject("{\"a\":[1,\"x\"]}")).hasToString("{\"a\":[1,\"x\"]}");
            assertThat(JsonNull.INSTANCE).hasToString("null");
            assertThat(new JsonString("q\"")).hasToString("\"q\\\"\"");
        }
    }

    @Nested
    class Escapes {

        @Test
        void reads_every_two_character_escape() {
            assertThat(Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""))
                    .isEqualTo(new JsonString("\" \\ / \b \f \n \r \t"));
        }

        @Test
        void reads_unicode_escapes_in_either_case() {
            assertThat(Json.parse("\"\\u0041\\u00e9\\u00E9\"")).isEqualTo(new JsonString("Aéé"));
        }

        @Test
        void joins_an_escaped_surrogate_pair_into_one_code_point() {
            JsonString s = (JsonString) Json.parse("\"\\ud83d\\ude00\"");

            assertThat(s.value()).isEqualTo("😀");
            assertThat(s.value().codePoints()).containsExactly(0x1F600);
        }

        @Test
        void writes_characters_outside_the_basic_plane_as_they_are() {
            assertThat(Json.write(new JsonString("😀"))).isEqualTo("\"😀\"");
        }

        @Test
        void writes_control_characters_and_line_separators_as_unicode_escapes() {
            assertThat(Json.write(new JsonString("\u0001\u001f\u2028\u2029")))
                    .isEqualTo("\"\\u0001\\u001f\\u2028\\u2029\"");
        }

        @Test
        void writes_unpaired_surrogates_as_escapes_so_that_utf8_output_keeps_them() {
            JsonString lone = new JsonString("a\ud800b\udc00");

            String text = Json.write(lone);

            assertThat(text).isEqualTo("\"a\\ud800b\\udc00\"");
            String throughUtf8 = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertThat(Json.parse(throughUtf8)).isEqualTo(lone);
        }

        @Test
        void refuses_an_unknown_escape() {
            assertThat(parseError("\"\\x41\"")).hasMessage("invalid JSON at line 1, column 3: invalid escape '\\x'");
        }

        @Test
        void refuses_a_unicode_escape_with_too_few_digits() {
            assertThat(parseError("\"\\u12zz\"")).hasMessageContaining("invalid hex digit in \\u escape");
            assertThat(parseError("\"\\u12")).hasMessageContaining("incomplete \\u escape");
        }

        @Test
        void refuses_digits_of_other_scripts_in_a_unicode_escape() {
            assertThat(parseError("\"\\u\uff10\uff10\uff14\uff11\""))
                    .hasMessageContaining("invalid hex digit in \\u escape");
        }
    }

    @Nested
    class Numbers {

        @Test
        void a_number_alone_is_a_complete_document() {
            assertThat(Json.parse("7")).isEqualTo(JsonNumber.of(7));
            assertThat(Json.parse("-0.25")).isEqualTo(new JsonNumber(new BigDecimal("-0.25")));
            assertThat(Json.parse(" 12 \n")).isEqualTo(JsonNumber.of(12));
        }

        @Test
        void keeps_big_integers_and_long_fractions_exactly() {
            String big = "123456789012345678901234567890123456789";
            String fraction = "0.1000000000000000000000000000000000001";

            assertThat(((JsonNumber) Json.parse(big)).value()).isEqualTo(new BigDecimal(big));
            assertThat(Json.write(Json.parse(fraction))).isEqualTo(fraction);
        }

        @Test
        void reads_exponents_in_every_form() {
            assertThat(((JsonNumber) Json.parse("1e3")).value()).isEqualByComparingTo("1000");
            assertThat(((JsonNumber) Json.parse("1E+3")).value()).isEqualByComparingTo("1000");
            assertThat(((JsonNumber) Json.parse("25e-2")).value()).isEqualByComparingTo("0.25");
            assertThat(((JsonNumber) Json.parse("-1.5E2")).value()).isEqualByComparingTo("-150");
        }

        @Test
        void writes_exponent_numbers_as_valid_json() {
            String text = Json.write(Json.parse("1e400"));

            assertThat(text).isEqualTo("1E+400");
            assertThat(((JsonNumber) Json.parse(text)).value()).isEqualByComparingTo("1e400");
        }

        @Test
        void reads_minus_zero_as_zero_because_big_decimal_has_no_negative_zero() {
            assertThat(Json.parse("-0")).isEqualTo(JsonNumber.of(0));
            assertThat(Json.write(Json.parse("-0"))).isEqualTo("0");
            assertThat(Json.write(Json.parse("-0.0"))).isEqualTo("0.0");
        }

        @Test
        void refuses_leading_zeros() {
            assertThat(parseError("01")).hasMessage("invalid JSON at line 1, column 2: invalid number: leading zeros are not allowed");
            assertThat(parseError("[-007]")).hasMessageContaining("leading zeros are not allowed");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-", "+1", ".5", "1.", "1e", "1e+", "-x", "0x10", "1.e3"})
        void refuses_malformed_numbers(String text) {
            assertThat(parseError(text)).hasMessageStartingWith("invalid JSON at line 1, column ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity"})
        void refuses_non_finite_numbers(String text) {
            assertThat(parseError(text)).hasMessageContaining("line 1");
        }

        @Test
        void refuses_exponents_too_large_to_represent_without_a_runtime_exception() {
            assertThat(parseError("1e99999999999")).hasMessage("invalid JSON at line 1, column 1: number exponent out of range");
            assertThat(parseError("[1e10001]")).hasMessageContaining("number exponent out of range");
        }

        @Test
        void refuses_numbers_longer_than_a_thousand_characters() {
            assertThat(parseError("1".repeat(1001))).hasMessageContaining("number too long");
        }

        @Test
        void tells_whether_a_number_fits_in_a_long() {
            assertThat(((JsonNumber) Json.parse("9223372036854775807")).isLong()).isTrue();
            assertThat(((JsonNumber) Json.parse("9223372036854775808")).isLong()).isFalse();
            assertThat(((JsonNumber) Json.parse("2.0")).isLong()).isTrue();
            assertThat(((JsonNumber) Json.parse("2.5")).isLong()).isFalse();
        }
    }

    @Nested
    class Strictness {

        @Test
        void refuses_a_trailing_comma_in_an_object() {
            assertThat(parseError("{\"a\":1,}")).hasMessage("invalid JSON at line 1, column 8: expected a member name in double quotes");
        }

        @Test
        void refuses_a_trailing_comma_in_an_array() {
            assertThat(parseError("[1,2,]")).hasMessage("invalid JSON at line 1, column 6: unexpected character ']', expected a value");
        }

        @ParameterizedTest
        @ValueSource(strings = {"// note\n{}", "{/* note */}", "{\"a\":1 # note\n}", "[1, // x\n2]"})
        void refuses_comments(String text) {
            assertThat(parseError(text)).hasMessageStartingWith("invalid JSON at line ");
        }

        @Test
        void refuses_single_quoted_strings_and_names() {
            assertThat(parseError("'text'")).hasMessageContaining("unexpected character '''");
            assertThat(parseError("{'a':1}")).hasMessageContaining("expected a member name in double quotes");
        }

        @Test
        void refuses_unquoted_member_names() {
            assertThat(parseError("{a:1}")).hasMessage("invalid JSON at line 1, column 2: expected a member name in double quotes");
        }

        @Test
        void refuses_duplicate_member_names_pointing_at_the_second_one() {
            assertThat(parseError("{\"a\":1,\n \"a\":2}")).hasMessage("invalid JSON at line 2, column 2: duplicate member name \"a\"");
        }

        @Test
        void refuses_raw_control_characters_in_strings() {
            assertThat(parseError("\"a\tb\"")).hasMessage("invalid JSON at line 1, column 3: control character in string; escape it");
            assertThat(parseError("\"a\nb\"")).hasMessageContaining("control character in string");
            assertThat(parseError("\"\u0000\"")).hasMessageContaining("control character in string");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{} {}", "[1]]", "true false", "{\"a\":1}x", "1 2"})
        void refuses_text_after_the_value(String text) {
            assertThat(parseError(text)).hasMessageEndingWith("unexpected text after the JSON value");
        }

        @ParameterizedTest
        @ValueSource(strings = {"True", "nul", "nulls", "fals", "undefined"})
        void refuses_misspelled_literals(String text) {
            assertThat(parseError(text)).hasMessageStartingWith("invalid JSON at line 1");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n\t"})
        void refuses_empty_input(String text) {
            assertThat(parseError(text)).hasMessageEndingWith("unexpected end of input, expected a value");
        }

        @Test
        void refuses_whitespace_that_json_does_not_define() {
            assertThat(parseError("\u00a0{}")).hasMessageContaining("unexpected character");
            assertThat(parseError("\ufeff{}")).hasMessageContaining("unexpected character");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{", "[", "{\"a\"", "{\"a\":", "{\"a\":1", "[1", "\"abc"})
        void refuses_truncated_input(String text) {
            assertThat(parseError(text)).hasMessageStartingWith("invalid JSON at line 1");
        }

        @Test
        void refuses_a_missing_colon_or_comma() {
            assertThat(parseError("{\"a\" 1}")).hasMessageEndingWith("expected ':'");
            assertThat(parseError("{\"a\":1 \"b\":2}")).hasMessageEndingWith("expected ',' or '}' in object");
            assertThat(parseError("[1 2]")).hasMessageEndingWith("expected ',' or ']' in array");
        }
    }

    @Nested
    class NestingDepth {

        @Test
        void accepts_nesting_up_to_the_limit() {
            String text = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);

            assertThat(Json.write(Json.parse(text))).isEqualTo(text);
        }

        @Test
        void refuses_one_level_more_than_the_limit() {
            String text = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);

            assertThat(parseError(text)).hasMessage("invalid JSON at line 1, column " + (Json.MAX_DEPTH + 1)
                    + ": nesting deeper than " + Json.MAX_DEPTH + " levels");
        }

        @Test
        void refuses_a_hundred_thousand_open_brackets_without_overflowing_the_stack() {
            assertThatThrownBy(() -> Json.parse("[".repeat(100_000)))
                    .isExactlyInstanceOf(JsonException.class)
                    .hasMessageContaining("nesting deeper than " + Json.MAX_DEPTH + " levels");
        }

        @Test
        void counts_objects_and_arrays_together() {
            String text = "{\"a\":[".repeat(100_000);

            assertThatThrownBy(() -> Json.parse(text))
                    .isExactlyInstanceOf(JsonException.class)
                    .hasMessageContaining("nesting deeper than");
        }
    }

    @Nested
    class ErrorPositions {

        @Test
        void name_line_and_column_of_the_offending_character() {
            String text = "{\n  \"a\": 1,\n  \"b\": tru\n}";

            JsonException e = parseError(text);

            assertThat(e).hasMessage("invalid JSON at line 3, column 8: invalid literal, expected 'true'");
            assertThat(e.offset()).isEqualTo(text.indexOf("tru"));
        }

        @Test
        void point_just_past_the_end_when_input_stops_early() {
            assertThat(parseError("[1,\n2")).hasMessage("invalid JSON at line 2, column 2: unexpected end of input");
        }

        @Test
        void count_a_carriage_return_line_feed_as_one_line_break() {
            assertThat(parseError("[1,\r\n  x]")).hasMessageStartingWith("invalid JSON at line 2, column 3:");
        }

        @Test
        void show_control_characters_readably() {
            assertThat(parseError("\u0007")).hasMessageContaining("unexpected character '\\u0007'");
        }

        @Test
        void parse_object_names_the_type_it_got_instead() {
            assertThatThrownBy(() -> Json.parseObject("[1]"))
                    .isInstanceOf(JsonException.class)
                    .hasMessage("expected a JSON object, got array");
        }

        @Test
        void a_shape_error_has_no_offset() {
            assertThat(new JsonException("x").offset()).isEqualTo(-1);
        }
    }
}
