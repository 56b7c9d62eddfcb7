package dev.jclaw.plugins.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShellConfigTest {

    @Nested
    class Defaults {
        @Test
        void apply_when_the_section_is_empty() {
            ShellConfig config = ShellConfig.from(JsonObject.EMPTY);

            assertThat(config.allowEnv()).isEmpty();
            assertThat(config.timeoutMax()).isEqualTo(Duration.ofSeconds(600));
            assertThat(config.killGrace()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.outputChars()).isEqualTo(30_000);
            assertThat(config.defaultTimeout()).isEqualTo(Duration.ofSeconds(120));
        }

        @Test
        void the_default_timeout_shrinks_to_a_smaller_maximum() {
            ShellConfig config = ShellConfig.from(Json.parseObject("{\"timeout-seconds-max\": 30}"));

            assertThat(config.defaultTimeout()).isEqualTo(Duration.ofSeconds(30));
        }

        @Test
        void null_values_count_as_absent() {
            ShellConfig config = ShellConfig.from(Json.parseObject(
                    "{\"allow-env\": null, \"kill-grace-seconds\": null, \"output-chars\": null}"));

            assertThat(config).isEqualTo(ShellConfig.DEFAULTS);
        }
    }

    @Nested
    class Values {
        @Test
        void are_read_from_every_key() {
            ShellConfig config = ShellConfig.from(Json.parseObject("""
                    {"allow-env": ["GITHUB_TOKEN", "NPM_TOKEN"], "timeout-seconds-max": 900,
                     "kill-grace-seconds": 0.25, "output-chars": 5000}
                    """));

            assertThat(config.allowEnv()).containsExactlyInAnyOrder("GITHUB_TOKEN", "NPM_TOKEN");
            assertThat(config.timeoutMax()).isEqualTo(Duration.ofSeconds(900));
            assertThat(config.killGrace()).isEqualTo(Duration.ofMillis(250));
            assertThat(config.outputChars()).isEqualTo(5000);
        }

        @Test
        void a_kill_grace_of_zero_means_sigkill_right_after_sigterm() {
            ShellConfig config = ShellConfig.from(Json.parseObject("{\"kill-grace-seconds\": 0}"));

            assertThat(config.killGrace()).isZero();
        }
    }

    @Nested
    class Refuses {
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                {"output-chars": "big"}          | output-chars must be an integer from 100 to 10000000, got the string "big"
                {"output-chars": 10}             | output-chars must be an integer from 100 to 10000000, got 10
                {"timeout-seconds-max": 0}       | timeout-seconds-max must be an integer from 1 to 86400, got 0
                {"timeout-seconds-max": 1.5}     | timeout-seconds-max must be an integer from 1 to 86400, got 1.5
                {"timeout-seconds-max": true}    | timeout-seconds-max must be an integer from 1 to 86400, got boolean
                {"kill-grace-seconds": -1}       | kill-grace-seconds must be a number of seconds from 0 to 60
                {"kill-grace-seconds": "3s"}     | kill-grace-seconds must be a number of seconds from 0 to 60, e.g. 3 or 0.5, got the string "3s"
                {"allow-env": "GITHUB_TOKEN"}    | allow-env must be an array of environment variable names, e.g. ["GITHUB_TOKEN"], got string
                {"allow-env": ["A", 1]}          | but element 1 is number
                {"allow-env": ["NOT A NAME"]}    | but element 0 is 'NOT A NAME'
                {"allow-env": ["1ST"]}           | but element 0 is '1ST'
                """)
        void a_value_of_the_wrong_type_or_range_naming_the_key(String json, String expected) {
            assertThatThrownBy(() -> ShellConfig.from(Json.parseObject(json)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("plugins.config.tools-shell.")
                    .hasMessageContaining(expected)
                    .hasMessageNotContaining("\n");
        }

        @Test
        void an_unknown_key_listing_the_known_ones() {
            assertThatThrownBy(() -> ShellConfig.from(Json.parseObject("{\"timeout\": 10}")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown key 'timeout' in plugins.config.tools-shell; the keys are allow-env, "
                            + "timeout-seconds-max, kill-grace-seconds, output-chars");
        }
    }
}
