package dev.jclaw.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromptTokenizerTest {
    final PromptTokenizer tokenizer = new PromptTokenizer();

    @Nested
    class Tokens {
        @Test
        void cuts_words_numbers_punctuation_and_whitespace_apart() {
            assertThat(tokenizer.tokens("Hello, world!")).containsExactly("Hello", ",", " ", "world", "!");
            assertThat(tokenizer.tokens("x=42;\n\n  y")).containsExactly("x", "=", "42", ";", "\n\n  ", "y");
            assertThat(tokenizer.count("")).isZero();
        }

        @Test
        void splits_runs_longer_than_eight_code_points() {
            assertThat(tokenizer.tokens("internationalization")).containsExactly("internat", "ionaliza", "tion");
            assertThat(tokenizer.tokens("12345678901")).containsExactly("12345678", "901");
            assertThat(tokenizer.tokens(" ".repeat(17))).hasSize(3);
        }

        @Test
        void keeps_surrogate_pairs_whole_and_joins_back_to_the_text() {
            String text = "🦀🦀 𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜𝒜 über\u0000\ud800 end";
            assertThat(tokenizer.tokens(text)).startsWith("🦀", "🦀", " ").contains("über");
            assertThat(String.join("", tokenizer.tokens(text))).isEqualTo(text);
            assertThat(tokenizer.name()).isEqualTo("fake-regex-8");
            assertThatThrownBy(() -> tokenizer.tokens(null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void matches_the_documented_pattern_on_random_text() {
            Pattern documented = Pattern.compile("\\p{L}+|\\p{N}+|[^\\p{L}\\p{N}\\s]|\\s+");
            String alphabet = "aZé語ß \t\n\r\u000B\f\u00A0\u20030९²Ⅻ.,;!{}\"🦀\ud800\udc00\u0000\u200B";
            Random random = new Random(7);
            for (int i = 0; i < 2000; i++) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(40); n > 0; n--) {
                    int at = random.nextInt(alphabet.length());
                    text.append(alphabet.charAt(at));
                }
                List<String> expected = new ArrayList<>();
                Matcher m = documented.matcher(text);
                while (m.find()) {
                    String run = m.group();
                    for (int start = 0; start < run.length(); ) {
                        int end = run.offsetByCodePoints(start,
                                Math.min(PromptTokenizer.MAX_RUN, run.codePointCount(start, run.length())));
                        expected.add(run.substring(start, end));
                        start = end;
                    }
                }
                assertThat(tokenizer.tokens(text.toString())).as("tokens of %s", text).isEqualTo(expected);
            }
        }

        @Test
        void counts_a_megabyte_of_text() {
            assertThat(tokenizer.count("word ".repeat(200_000))).isEqualTo(400_000);
        }
    }

    @Nested
    class Prompts {
        @Test
        void renders_tools_in_order_then_each_message_with_its_calls_and_results() {
            JsonObject body = Json.parseObject("""
                    {"model": "m", "stream": true, "prompt_cache_key": "k", "temperature": 0.5,
                     "tools": [{"type": "function", "function": {"name": "read"}},
                               {"type": "function", "function": {"name": "grep"}}],
                     "messages": [{"role": "system", "content": "be brief"},
                                  {"role": "user", "content": [{"type": "text", "text": "look"},
                                                               {"type": "image_url", "image_url": {"url": "u"}}]},
                                  {"role": "assistant", "tool_calls": [{"id": "c1", "type": "function",
                                   "function": {"name": "read", "arguments": "{\\"path\\":\\"a\\"}"}}]},
                                  {"role": "tool", "tool_call_id": "c1", "content": "text of a"}]}""");
            assertThat(PromptText.of(body)).isEqualTo("""
                    {"type":"function","function":{"name":"read"}}
                    {"type":"function","function":{"name":"grep"}}
                    <|system|>
                    be brief
                    <|user|>
                    look<|image 75|>
                    <|assistant|>

                    <|call|>c1 read {"path":"a"}
                    <|tool|>
                    text of a
                    <|result|>c1
                    """);
        }
    }
}
