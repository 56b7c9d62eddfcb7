package dev.jclaw.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsConfigTest {
    @TempDir
    Path tmp;

    @Nested
    class Providers {
        @Test
        void reads_providers_and_routes_model_names() {
            ConfigFixture f = new ConfigFixture(tmp).env("KEY_A", "sk-aaaa");
            JClawConfig config = f.load("""
                    {"models": {"default": "small", "providers": {
                      "a": {"base-url": "http://127.0.0.1:1/v1", "api-key": "{env:KEY_A}",
                            "models": {"small": {"context-window": 8192, "vision": true}}},
                      "b": {"base-url": "https://b.example/v1", "timeout-seconds": 30}}}}""");
            ModelsConfig models = config.models();
            assertThat(models.defaultModel()).isEqualTo("small");
            assertThat(models.route("small")).hasValueSatisfying(r -> {
                assertThat(r.provider().name()).isEqualTo("a");
                assertThat(r.provider().apiKey()).isEqualTo("sk-aaaa");
                assertThat(r.provider().models().get("small").contextWindow()).isEqualTo(8192);
            });
            assertThat(models.route("b/big")).hasValueSatisfying(r -> {
                assertThat(r.provider().name()).isEqualTo("b");
                assertThat(r.modelId()).isEqualTo("big");
                assertThat(r.provider().timeout()).isEqualTo(Duration.ofSeconds(30));
            });
            assertThat(models.route("unknown")).isEmpty();
            assertThat(models.providers().get("a").toString()).doesNotContain("sk-aaaa");
        }

        @Test
        void refuses_a_default_no_provider_serves() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", """
                    {"models": {"default": "ghost", "providers": {
                      "a": {"base-url": "http://x/v1", "models": {"m": {}}},
                      "b": {"base-url": "http://y/v1"}}}}""");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("jclaw.json: models.default: expected a model one provider lists");
        }

        @Test
        void refuses_a_provider_without_a_proper_base_url() {
            ConfigFixture f = new ConfigFixture(tmp);
            f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"base-url\": \"ftp://x\"}}}}");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("models.providers.a.base-url");
            f.write("jclaw.json", "{\"models\": {\"providers\": {\"a\": {\"api-key\": \"k\"}}}}");
            assertThatThrownBy(f::load).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("models.providers.a").hasMessageContaining("base-url");
        }
    }

    @Nested
    class EnvironmentFallback {
        @Test
        void makes_an_openai_provider_from_the_usual_variables() {
            ConfigFixture f = new ConfigFixture(tmp).env("OPENAI_API_KEY", "sk-env").env("JCLAW_MODEL", "gpt-x");
            ModelsConfig models = f.load().models();
            assertThat(models.configured()).isTrue();
            assertThat(models.defaultModel()).isEqualTo("gpt-x");
            assertThat(models.route("gpt-x")).hasValueSatisfying(r -> {
                assertThat(r.provider().baseUrl()).isEqualTo("https://api.openai.com/v1");
                assertThat(r.provider().apiKey()).isEqualTo("sk-env");
            });
        }

        @Test
        void takes_a_base_url_without_a_key_for_local_servers() {
            ConfigFixture f = new ConfigFixture(tmp).env("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
            assertThat(f.load().models().route("any")).hasValueSatisfying(r ->
                    assertThat(r.provider().apiKey()).isEmpty());
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
