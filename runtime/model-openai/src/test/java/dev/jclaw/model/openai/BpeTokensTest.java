package dev.jclaw.model.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.ModelsConfig.Tokenizer;
import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.EstimatedTokens;
import dev.jclaw.core.model.TokenCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BpeTokensTest {

    @Nested
    class Counting {
        @Test
        void counts_exactly_as_the_encodings_do() {
            assertThat(BpeTokens.O200K_BASE.count("Hello, world!")).isEqualTo(4);
            assertThat(BpeTokens.O200K_BASE.count("你好，世界")).isEqualTo(3);
            assertThat(BpeTokens.CL100K_BASE.count("你好，世界")).isEqualTo(6);
            assertThat(BpeTokens.CL100K_BASE.count("tiktoken is great!")).isEqualTo(6);
            assertThat(BpeTokens.O200K_BASE.count("")).isZero();
            assertThat(BpeTokens.O200K_BASE.name()).isEqualTo("o200k_base");
            assertThat(BpeTokens.CL100K_BASE.name()).isEqualTo("cl100k_base");
        }

        @Test
        void counts_special_tokens_in_the_text_as_ordinary_text() {
            assertThat(BpeTokens.O200K_BASE.count("<|endoftext|>")).isEqualTo(7);
            assertThat(BpeTokens.CL100K_BASE.count("a <|im_start|>system<|im_end|> b")).isGreaterThan(5);
        }

        @Test
        void takes_long_runs_broken_surrogates_and_random_chars() {
            assertThat(BpeTokens.O200K_BASE.count("a".repeat(200_000))).isEqualTo(25_000);
            assertThat(BpeTokens.CL100K_BASE.count(" ".repeat(200_000))).isPositive();
            assertThat(BpeTokens.O200K_BASE.count("\uD800x\uDC00")).isPositive();
            Random random = new Random(7);
            char[] chars = new char[100_000];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
            }
            String text = new String(chars);
            assertThat(BpeTokens.O200K_BASE.count(text)).isEqualTo(BpeTokens.O200K_BASE.count(text)).isPositive();
        }

        @Test
        void gives_many_threads_the_same_count_while_the_table_loads() throws Exception {
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<Integer>> counts = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    counts.add(pool.submit(() -> BpeTokens.CL100K_BASE.count("the same sentence, counted again")));
                }
                for (Future<Integer> count : counts) {
                    assertThat(count.get()).isEqualTo(6);
                }
            }
        }
    }

    @Nested
    class Choosing {
        @Test
        void takes_o200k_for_current_openai_models() {
            for (String id : List.of("gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "chatgpt-4o-latest", "gpt-4.1",
                    "gpt-4.1-nano", "gpt-4.5-preview", "gpt-5", "gpt-5-mini", "gpt-5.1", "o1", "o1-mini", "o3-mini",
                    "o4-mini", "gpt-oss:20b", "openai/gpt-4o", "GPT-4O")) {
                assertThat(BpeTokens.forModel(id, Tokenizer.BY_MODEL_ID)).as(id).isSameAs(BpeTokens.O200K_BASE);
            }
        }

        @Test
        void takes_cl100k_for_older_openai_models() {
            for (String id : List.of("gpt-4", "gpt-4-turbo", "gpt-4-0613", "gpt-3.5-turbo", "gpt-35-turbo",
                    "text-embedding-3-small")) {
                assertThat(BpeTokens.forModel(id, Tokenizer.BY_MODEL_ID)).as(id).isSameAs(BpeTokens.CL100K_BASE);
            }
        }

        @Test
        void estimates_for_every_other_model_and_lookalike_names() {
            for (String id : List.of("qwen3", "llama3.1:8b", "claude-sonnet-4", "meta-llama/llama-3-8b", "o1x",
                    "gpt-50", "gpt4", "", "/", "o")) {
                assertThat(BpeTokens.forModel(id, Tokenizer.BY_MODEL_ID)).as(id).isSameAs(EstimatedTokens.INSTANCE);
            }
        }

        @Test
        void follows_the_configured_tokenizer_over_the_id() {
            assertThat(BpeTokens.forModel("qwen3", Tokenizer.O200K_BASE)).isSameAs(BpeTokens.O200K_BASE);
            assertThat(BpeTokens.forModel("gpt-4o", Tokenizer.CL100K_BASE)).isSameAs(BpeTokens.CL100K_BASE);
            assertThat(BpeTokens.forModel("gpt-4o", Tokenizer.ESTIMATE)).isSameAs(EstimatedTokens.INSTANCE);
        }
    }

    @Nested
    class ThroughThePort {
        final OpenAiModel model;

        ThroughThePort() {
            Map<String, ModelsConfig.Model> listed = new LinkedHashMap<>();
            listed.put("gpt-4o", new ModelsConfig.Model("gpt-4o", 128_000));
            listed.put("local-gpt", new ModelsConfig.Model("local-gpt", 32_768, 0, Set.of(ModelsConfig.Input.TEXT),
                    Tokenizer.CL100K_BASE));
            listed.put("gpt-5-mini", new ModelsConfig.Model("gpt-5-mini", 400_000, 0,
                    Set.of(ModelsConfig.Input.TEXT), Tokenizer.ESTIMATE));
            model = new OpenAiModel(new ModelsConfig("gpt-4o", Map.of("p", new ModelsConfig.Provider("p",
                    "http://127.0.0.1:9/v1", "", Duration.ofSeconds(5), listed))));
        }

        @Test
        void counts_the_default_model_and_each_listed_model_as_configured() {
            assertThat(model.tokenCounter("")).isSameAs(BpeTokens.O200K_BASE);
            assertThat(model.tokenCounter("p/gpt-4o")).isSameAs(BpeTokens.O200K_BASE);
            assertThat(model.tokenCounter("local-gpt")).isSameAs(BpeTokens.CL100K_BASE);
            assertThat(model.tokenCounter("gpt-5-mini")).isSameAs(EstimatedTokens.INSTANCE);
        }

        @Test
        void judges_names_that_route_nowhere_by_the_name() {
            TokenCounter unrouted = model.tokenCounter("gpt-3.5-turbo");
            assertThat(unrouted).isSameAs(BpeTokens.CL100K_BASE);
            assertThat(model.tokenCounter("mystery")).isSameAs(EstimatedTokens.INSTANCE);
            try (OpenAiModel none = new OpenAiModel(ModelsConfig.NONE)) {
                assertThat(none.tokenCounter("")).isSameAs(EstimatedTokens.INSTANCE);
            }
        }
    }
}
