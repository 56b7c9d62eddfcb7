package dev.jclaw.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.config.ModelsConfig.Input;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsConfigTest {
    @TempDir
    Path tmp;

    static final String TWO_PROVIDERS = """
            {"models": {"default": "small", "providers": {
              "a": {"base-url": "http://127.0.0.1:1/v1/", "api-key": "{env:KEY_A}",
                    "models": {"small": {"context-window": 8192, "input": ["text", "image"]},
                               "tiny": {"max-output-tokens": 512}}},
              "b": {"base-url": "https://b.example/v1", "timeout-seconds": 30, "idle-timeout-seconds": 7}}}}""";

    @Nested
    class Providers {
        @Test
        void are_read_with_their_models_and_the_schemas_defaults() {
            ModelsConfig models = new ConfigFixture(tmp).env("KEY_A", "sk-aaaa").load(TWO_PROVIDERS).models();

            assertThat(models.defaultModel()).isEqualTo("small");
            ModelsConfig.Provider a = models.providers().get("a");
            assertThat(a.baseUrl()).as("trailing slash trimmed").isEqualTo("http://127.0.0.1:1/v1");
            assertThat(a.apiKey()).isEqualTo("sk-aaaa");
            assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(600));
            assertThat(a.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
            assertThat(a.models().get("small")).isEqualTo(
                    new ModelsConfig.Model("small", 8192, 0, Set.of(Input.TEXT, Input.IMAGE)));
            assertThat(a.models().get("small").takesImages()).isTrue();
            assertThat(a.models().get("tiny")).isEqualTo(
                    new ModelsConfig.Model("tiny", 128_000, 512, Set.of(Input.TEXT)));
            ModelsConfig.Provider b = models.providers().get("b");
            assertThat(b.timeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(b.idleTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(b.apiKey()).isEmpty();
        }

        @Test
        void never_print_the_api_key() {
            JClawConfig config = new ConfigFixture(tmp).env("KEY_A", "sk-aaaa").load(TWO_PROVIDERS);

            assertThat(config.models().providers().get("a").toString()).doesNotContain("sk-aaaa").contains("key set");
            assertThat(config.toString()).doesNotContain("sk-aaaa");
        }

        @Test
        void refuse_a_base_url_that_is_not_http() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"base-url\": \"ftp://x\"}}}}");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("jclaw.json: models.providers.a.base-url: expected an http:// or https:// URL without spaces");
        }

        @Test
        void refuse_a_base_url_that_does_not_parse() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"base-url\": \"http://[::1/v1\"}}}}");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("jclaw.json: models.providers.a.base-url: expected an http:// or https://"
                            + " URL such as https://api.openai.com/v1, got \"http://[::1/v1\"");
            f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"base-url\": \"http://h/v1?x=1\"}}}}");
            assertThatThrownBy(f::load).hasMessageEndingWith("(a base URL takes no query or fragment)");
        }

        @Test
        void require_a_base_url() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"api-key\": \"k\"}}}}");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("jclaw.json: models.providers.a.base-url: expected an http:// or https:// URL without spaces")
                    .hasMessageContaining("the key is required");
        }

        @Test
        void refuse_unknown_input_kinds_and_bad_numbers_and_never_echo_the_key() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", """
                    {"models": {"providers": {"a": {"base-url": "http://x/v1",
                      "models": {"m": {"input": ["text", "audio"]}}}}}}""");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessage("jclaw.json: models.providers.a.models.m.input[1]: expected one of \"text\", \"image\","
                            + " got \"audio\"");
            f.write("jclaw.json", """
                    {"models": {"providers": {"a": {"base-url": "http://x/v1", "idle-timeout-seconds": 0}}}}""");
            assertThatThrownBy(f::load).hasMessageStartingWith(
                    "jclaw.json: models.providers.a.idle-timeout-seconds: expected an integer between 1 and 3600");
            f.write("jclaw.json", """
                    {"models": {"providers": {"a": {"base-url": "http://x/v1", "api-key": 42}}}}""");
            assertThatThrownBy(f::load).hasMessage(
                    "jclaw.json: models.providers.a.api-key: expected a non-empty string, got <redacted>");
        }
    }

    @Nested
    class Tokenizers {
        @Test
        void are_read_by_their_encoding_name_and_left_to_the_model_id_when_absent() {
            ModelsConfig models = new ConfigFixture(tmp).load("""
                    {"models": {"providers": {"a": {"base-url": "http://x/v1", "models": {
                      "gpt-4o": {}, "local-o": {"tokenizer": "o200k_base"}, "old": {"tokenizer": "cl100k_base"},
                      "qwen3": {"tokenizer": "estimate"}}}}}}""").models();
            assertThat(models.model("gpt-4o")).map(ModelsConfig.Model::tokenizer)
                    .contains(ModelsConfig.Tokenizer.BY_MODEL_ID);
            assertThat(models.model("local-o")).map(ModelsConfig.Model::tokenizer)
                    .contains(ModelsConfig.Tokenizer.O200K_BASE);
            assertThat(models.model("old")).map(ModelsConfig.Model::tokenizer)
                    .contains(ModelsConfig.Tokenizer.CL100K_BASE);
            assertThat(models.model("qwen3")).map(ModelsConfig.Model::tokenizer)
                    .contains(ModelsConfig.Tokenizer.ESTIMATE);
            assertThat(ModelsConfig.Tokenizer.O200K_BASE.configName()).isEqualTo("o200k_base");
            assertThat(ModelsConfig.Tokenizer.BY_MODEL_ID.configName()).isEmpty();
        }

        @Test
        void refuse_unknown_encodings_other_spellings_and_other_types() {
            ConfigFixture f = new ConfigFixture(tmp);
            for (String bad : new String[] {"\"gpt2\"", "\"O200K_BASE\"", "\"\"", "\"by_model_id\"", "42", "null"}) {
                f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"base-url\": \"http://x/v1\","
                        + " \"models\": {\"m\": {\"tokenizer\": " + bad + "}}}}}}");
                assertThatThrownBy(f::load).as(bad).isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("jclaw.json: models.providers.a.models.m.tokenizer: expected one of"
                                + " \"o200k_base\", \"cl100k_base\", \"estimate\", got ");
            }
        }
    }

    @Nested
    class ContextNotes {
        @Test
        void are_a_trailing_system_message_unless_a_provider_asks_for_the_user_message() {
            ModelsConfig models = new ConfigFixture(tmp).load("""
                    {"models": {"providers": {"a": {"base-url": "http://x/v1", "models": {"m1": {}}},
                      "vllm": {"base-url": "http://y/v1", "context-note": "user", "models": {"m2": {}}}}}}""")
                    .models();
            assertThat(models.providers().get("a").contextNote()).isEqualTo(ModelsConfig.ContextNote.SYSTEM);
            assertThat(models.providers().get("vllm").contextNote()).isEqualTo(ModelsConfig.ContextNote.USER);
            assertThat(models.providers().get("vllm").toString()).endsWith(", context note user]");
        }

        @Test
        void refuse_other_placements() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", """
                    {"models": {"providers": {"a": {"base-url": "http://x/v1", "context-note": "assistant"}}}}""");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class).hasMessage("jclaw.json:"
                    + " models.providers.a.context-note: expected one of \"system\", \"user\", got \"assistant\"");
        }
    }

    @Nested
    class Routing {
        ModelsConfig models;

        @BeforeEach
        void load() {
            models = new ConfigFixture(tmp).env("KEY_A", "k").load(TWO_PROVIDERS).models();
        }

        @Test
        void takes_provider_slash_model_to_that_provider_with_the_rest_as_the_id() {
            assertThat(models.route("b/big")).hasValueSatisfying(r -> {
                assertThat(r.provider().name()).isEqualTo("b");
                assertThat(r.modelId()).isEqualTo("big");
                assertThat(r.model()).isEmpty();
            });
            assertThat(models.route("a/org/model-x")).hasValueSatisfying(r ->
                    assertThat(r.modelId()).isEqualTo("org/model-x"));
        }

        @Test
        void looks_a_bare_id_up_in_each_providers_models() {
            assertThat(models.route("tiny")).hasValueSatisfying(r -> {
                assertThat(r.provider().name()).isEqualTo("a");
                assertThat(r.modelId()).isEqualTo("tiny");
            });
            assertThat(models.model("small")).hasValueSatisfying(m -> assertThat(m.contextWindow()).isEqualTo(8192));
        }

        @Test
        void routes_nowhere_for_unlisted_ids_unknown_providers_and_empty_names() {
            assertThat(models.route("unknown")).isEmpty();
            assertThat(models.route("c/small")).isEmpty();
            assertThat(models.route("b/")).isEmpty();
            assertThat(models.route("")).isEmpty();
        }

        @Test
        void sends_anything_to_a_single_open_provider_but_not_to_one_that_lists_its_models() {
            ModelsConfig open = new ModelsConfig("", Map.of("only", new ModelsConfig.Provider("only", "http://x/v1",
                    "", Duration.ofSeconds(5), Map.of())));
            assertThat(open.route("meta-llama/llama-3")).hasValueSatisfying(r ->
                    assertThat(r.modelId()).isEqualTo("meta-llama/llama-3"));
            ModelsConfig closed = new ModelsConfig("", Map.of("only", new ModelsConfig.Provider("only", "http://x/v1",
                    "", Duration.ofSeconds(5), Map.of("m", new ModelsConfig.Model("m", 8192)))));
            assertThat(closed.route("other")).isEmpty();
            assertThat(closed.route("only/other")).isPresent();
        }
    }

    @Nested
    class DefaultModel {
        @Test
        void must_route_to_a_provider() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", """
                    {"models": {"default": "ghost", "providers": {
                      "a": {"base-url": "http://x/v1", "models": {"m": {}}},
                      "b": {"base-url": "http://y/v1"}}}}""");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class).hasMessage("jclaw.json: models.default:"
                    + " expected a model id one provider lists, or provider/model (providers: a, b), got \"ghost\"");
        }

        @Test
        void must_name_a_configured_provider_before_the_slash() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", """
                    {"models": {"default": "nope/m", "providers": {"a": {"base-url": "http://x/v1",
                      "models": {"m": {}}}}}}""");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("jclaw.json: models.default: expected provider/model with a configured"
                            + " provider (a)")
                    .hasMessageEndingWith("no provider is named \"nope\"");
        }

        @Test
        void names_the_variable_that_set_it() {
            ConfigFixture f = new ConfigFixture(tmp).env("JCLAW_MODEL", "ghost");
            f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"base-url\": \"http://x/v1\","
                    + " \"models\": {\"m\": {}}}}}}");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("environment JCLAW_MODEL (models.default): expected a model id");
            f.env("JCLAW_MODEL", "").env("JCLAW_MODELS_DEFAULT", "ghost");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("environment JCLAW_MODELS_DEFAULT (models.default): expected a model id");
        }

        @Test
        void comes_from_the_file_before_jclaw_model_and_from_jclaw_models_default_before_both() {
            ConfigFixture f = new ConfigFixture(tmp).env("OPENAI_API_KEY", "k").env("JCLAW_MODEL", "from-model");
            assertThat(f.load().models().defaultModel()).isEqualTo("from-model");
            f.write("jclaw.json", "{\"models\": {\"default\": \"from-file\"}}");
            assertThat(f.load().models().defaultModel()).isEqualTo("from-file");
            f.env("JCLAW_MODELS_DEFAULT", "from-override");
            assertThat(f.load().models().defaultModel()).isEqualTo("from-override");
        }

        @Test
        void may_be_set_while_no_provider_is_so_that_the_server_starts_and_says_what_is_missing() {
            ModelsConfig models = new ConfigFixture(tmp).env("JCLAW_MODEL", "gpt-x").load().models();
            assertThat(models.configured()).isFalse();
            assertThat(models.defaultModel()).isEqualTo("gpt-x");
        }
    }

    @Nested
    class EnvironmentFallback {
        @Test
        void makes_an_openai_provider_from_the_usual_variables() {
            ModelsConfig models = new ConfigFixture(tmp).env("OPENAI_API_KEY", "sk-env").env("JCLAW_MODEL", "gpt-x")
                    .load().models();
            assertThat(models.configured()).isTrue();
            assertThat(models.defaultModel()).isEqualTo("gpt-x");
            assertThat(models.route("gpt-x")).hasValueSatisfying(r -> {
                assertThat(r.provider().name()).isEqualTo("openai");
                assertThat(r.provider().baseUrl()).isEqualTo("https://api.openai.com/v1");
                assertThat(r.provider().apiKey()).isEqualTo("sk-env");
                assertThat(r.provider().timeout()).isEqualTo(ModelsConfig.DEFAULT_TIMEOUT);
                assertThat(r.provider().idleTimeout()).isEqualTo(ModelsConfig.DEFAULT_IDLE_TIMEOUT);
            });
        }

        @Test
        void takes_a_base_url_without_a_key_for_local_servers() {
            ConfigFixture f = new ConfigFixture(tmp).env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
            assertThat(f.load().models().route("any/thing")).hasValueSatisfying(r -> {
                assertThat(r.provider().apiKey()).isEmpty();
                assertThat(r.modelId()).isEqualTo("any/thing");
            });
        }

        @Test
        void refuses_a_base_url_that_does_not_parse_naming_the_variable() {
            ConfigFixture f = new ConfigFixture(tmp).env("OPENAI_BASE_URL", "localhost:8000");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("environment OPENAI_BASE_URL: expected an http:// or https:// URL");
        }

        @Test
        void is_not_used_when_the_file_configures_providers() {
            ConfigFixture f = new ConfigFixture(tmp).env("OPENAI_API_KEY", "sk-env");
            ModelsConfig models = f.load("{\"models\": {\"providers\": {\"local\": {\"base-url\": \"http://x/v1\"}}}}")
                    .models();
            assertThat(models.providers()).containsOnlyKeys("local");
        }

        @Test
        void leaves_models_unconfigured_when_nothing_is_set() {
            ModelsConfig models = new ConfigFixture(tmp).load().models();
            assertThat(models.configured()).isFalse();
            assertThat(models.route("anything")).isEmpty();
        }
    }

    @Nested
    class Agent {
        @Test
        void has_defaults_and_takes_overrides() {
            assertThat(new ConfigFixture(tmp).load().agent()).isEqualTo(new AgentConfig("writes", 50,
                    Duration.ofSeconds(1800), Duration.ofSeconds(120), Duration.ofSeconds(600), 30_000));
            assertThat(new ConfigFixture(tmp).env("JCLAW_AGENT_APPROVAL", "never").load().agent().approval())
                    .isEqualTo("never");
        }

        @Test
        void refuses_an_unknown_approval_policy() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", "{\"agent\": {\"approval\": \"sometimes\"}}");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessage("jclaw.json: agent.approval: expected one of \"never\", \"writes\", \"all\","
                            + " got \"sometimes\"");
        }
    }
}
