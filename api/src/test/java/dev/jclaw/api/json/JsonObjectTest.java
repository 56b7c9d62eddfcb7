package dev.jclaw.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonObjectTest {

    @Nested
    class TypedGetters {

        private final JsonObject args = Json.parseObject("""
                {"path": "notes.md", "limit": 20, "ratio": 1.5, "flag": true, "nested": {"x": 1},
                 "list": [1], "nothing": null, "huge": 99999999999999999999}""");

        @Test
        void return_members_of_the_asked_type() {
            assertThat(args.string("path")).isEqualTo("notes.md");
            assertThat(args.optLong("limit")).contains(20L);
            assertThat(args.optBoolean("flag")).contains(true);
            assertThat(args.optObject("nested")).contains(Json.parseObject("{\"x\":1}"));
            assertThat(args.optArray("list")).contains(JsonArray.of(JsonNumber.of(1)));
            assertThat(args.get("ratio")).contains(new JsonNumber(new BigDecimal("1.5")));
        }

        @Test
        void treat_absent_and_null_members_alike() {
            assertThat(args.optString("missing")).isEmpty();
            assertThat(args.optString("nothing")).isEmpty();
            assertThat(args.optLong("nothing")).isEmpty();
            assertThat(args.get("nothing")).contains(JsonNull.INSTANCE);
        }

        @Test
        void name_a_missing_required_member() {
            assertThatThrownBy(() -> args.string("name"))
                    .isInstanceOf(JsonException.class)
                    .hasMessage("'name' is required and must be a string");
            assertThatThrownBy(() -> args.string("nothing"))
                    .hasMessage("'nothing' is required and must be a string");
        }

        @Test
        void name_the_member_the_expected_type_and_the_actual_type() {
            assertThatThrownBy(() -> args.string("limit")).hasMessage("'limit' must be a string, got number");
            assertThatThrownBy(() -> args.optLong("path")).hasMessage("'path' must be an integer, got string");
            assertThatThrownBy(() -> args.optBoolean("limit")).hasMessage("'limit' must be a boolean, got number");
            assertThatThrownBy(() -> args.optObject("list")).hasMessage("'list' must be an object, got array");
            assertThatThrownBy(() -> args.optArray("nested")).hasMessage("'nested' must be an array, got object");
        }

        @Test
        void refuse_fractions_and_out_of_range_numbers_as_integers() {
            assertThatThrownBy(() -> args.optLong("ratio")).hasMessage("'ratio' must be an integer, got 1.5");
            assertThatThrownBy(() -> args.optLong("huge"))
                    .hasMessage("'huge' must be an integer, got 99999999999999999999");
        }

        @Test
        void errors_carry_no_offset() {
            assertThatThrownBy(() -> args.string("limit"))
                    .isInstanceOfSatisfying(JsonException.class, e -> assertThat(e.offset()).isEqualTo(-1));
        }
    }

    @Nested
    class Immutability {

        @Test
        void objects_copy_and_freeze_their_members() {
            Map<String, JsonValue> source = new LinkedHashMap<>();
            source.put("a", JsonNumber.of(1));
            JsonObject object = new JsonObject(source);

            source.put("b", JsonNumber.of(2));

            assertThat(object.size()).isEqualTo(1);
            assertThatThrownBy(() -> object.members().put("c", JsonNull.INSTANCE))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void arrays_copy_and_freeze_their_elements() {
            JsonArray array = Json.parse("[1,2]") instanceof JsonArray a ? a : JsonArray.of();

            assertThatThrownBy(() -> array.elements().add(JsonNull.INSTANCE))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void objects_refuse_null_names_and_values() {
            Map<String, JsonValue> nullValue = new LinkedHashMap<>();
            nullValue.put("a", null);
            Map<String, JsonValue> nullName = new LinkedHashMap<>();
            nullName.put(null, JsonNull.INSTANCE);

            assertThatNullPointerException().isThrownBy(() -> new JsonObject(nullValue)).withMessageContaining("\"a\"");
            assertThatNullPointerException().isThrownBy(() -> new JsonObject(nullName)).withMessage("member name");
        }

        @Test
        void the_builder_keeps_insertion_order_and_the_last_value_for_a_name() {
            JsonObject object = JsonObject.builder().put("b", 1).put("a", "x").put("b", false).build();

            assertThat(Json.write(object)).isEqualTo("{\"b\":false,\"a\":\"x\"}");
        }
    }
}
