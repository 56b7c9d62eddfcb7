package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Placeholders placeholders = new Placeholders(Map.of("USER", "ada", "EMPTY", "", "TOKEN", "t0k"));
    private final KeyPath path = KeyPath.of("section", "key");

    private String resolve(String text) {
        return placeholders.resolve(text, path).text();
    }

    private String problem(String text) {
        Violation v = catchThrowableOfType(Violation.class, () -> resolve(text));
        assertThat(v).as("a violation").isNotNull();
        assertThat(v.path()).isEqualTo(path);
        return v.problem();
    }

    @Nested
    class Resolving {

        @Test
        void leaves_text_without_placeholders_alone() {
            Placeholders.Resolved resolved = placeholders.resolve("plain {env} {ENV:USER} $USER", path);

            assertThat(resolved.text()).isEqualTo("plain {env} {ENV:USER} $USER");
            assertThat(resolved.substituted()).isFalse();
        }

        @Test
        void replaces_a_whole_value_and_says_so() {
            Placeholders.Resolved resolved = placeholders.resolve("{env:USER}", path);

            assertThat(resolved.text()).isEqualTo("ada");
            assertThat(resolved.substituted()).isTrue();
        }

        @Test
        void replaces_several_inside_a_longer_value() {
            assertThat(resolve("Bearer {env:TOKEN} for {env:USER}!")).isEqualTo("Bearer t0k for ada!");
        }

        @Test
        void gives_an_empty_variable_as_empty_text_without_a_fallback() {
            assertThat(resolve("[{env:EMPTY}]")).isEqualTo("[]");
        }

        @Test
        void uses_the_fallback_for_unset_and_empty_variables() {
            assertThat(resolve("{env:NOPE:-x}|{env:EMPTY:-y}|{env:USER:-z}")).isEqualTo("x|y|ada");
        }

        @Test
        void allows_an_empty_fallback_and_fallbacks_with_colons_and_dashes() {
            assertThat(resolve("{env:NOPE:-}")).isEmpty();
            assertThat(resolve("{env:NOPE:-http://localhost:80/a-b}")).isEqualTo("http://localhost:80/a-b");
        }

        @Test
        void does_not_rescan_substituted_text() {
            Placeholders nested = new Placeholders(Map.of("A", "{env:B}", "B", "b"));

            assertThat(nested.resolve("{env:A}", path).text()).isEqualTo("{env:B}");
        }
    }

    @Nested
    class Refusing {

        @Test
        void an_unset_variable_without_fallback_naming_it() {
            assertThat(problem("x{env:NOPE}")).isEqualTo("placeholder {env:NOPE} refers to environment variable NOPE, "
                    + "which is not set; expected it to be set, or a fallback as in {env:NOPE:-value}");
        }

        @Test
        void a_placeholder_without_its_closing_brace() {
            assertThat(problem("{env:USER")).isEqualTo("unterminated placeholder starting \"{env:USER\"; "
                    + "expected {env:NAME} or {env:NAME:-fallback}");
        }

        @Test
        void names_that_are_not_variable_names() {
            assertThat(problem("{env:}")).startsWith("malformed placeholder {env:}; expected");
            assertThat(problem("{env:A B}")).startsWith("malformed placeholder {env:A B};");
            assertThat(problem("{env:USER:default}")).startsWith("malformed placeholder {env:USER:default};");
        }
    }
}
