package dev.jclaw.model.openai;

import static dev.jclaw.model.openai.FakeProvider.onVirtualThread;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Model names reach the provider that serves them; with nothing configured, every request says what to set. */
class RoutingTest {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    static ModelRequest ask(String model) {
        return new ModelRequest(model, "", List.of(new ChatMessage.User("hi")), List.of(), 0, "");
    }

    @Nested
    class BetweenTwoProviders {
        FakeModelServer local;
        FakeModelServer cloud;
        OpenAiModel model;

        @BeforeEach
        void start() throws Exception {
            local = FakeModelServer.start().otherwise(body -> Reply.text("from local"));
            cloud = FakeModelServer.start().otherwise(body -> Reply.text("from cloud"));
            Map<String, ModelsConfig.Provider> providers = new LinkedHashMap<>();
            providers.put("local", FakeProvider.provider("local", local, TIMEOUT, TIMEOUT,
                    Map.of("qwen3", new ModelsConfig.Model("qwen3", 32_768))));
            providers.put("cloud", FakeProvider.provider("cloud", cloud, TIMEOUT, TIMEOUT,
                    Map.of("gpt-big", new ModelsConfig.Model("gpt-big", 128_000))));
            model = new OpenAiModel(new ModelsConfig("qwen3", providers));
        }

        @AfterEach
        void stop() {
            model.close();
            local.assertNoProblems();
            cloud.assertNoProblems();
            local.close();
            cloud.close();
        }

        @Test
        void a_listed_id_goes_to_the_provider_that_lists_it() throws Exception {
            assertThat(onVirtualThread(model, ask("gpt-big"), ModelListener.NONE).text()).isEqualTo("from cloud");
            assertThat(onVirtualThread(model, ask("qwen3"), ModelListener.NONE).text()).isEqualTo("from local");
            assertThat(cloud.requests()).extracting(FakeModelServer.Recorded::model).containsExactly("gpt-big");
        }

        @Test
        void provider_slash_model_goes_to_that_provider_with_the_id_after_the_slash() throws Exception {
            assertThat(onVirtualThread(model, ask("cloud/gpt-other"), ModelListener.NONE).text())
                    .isEqualTo("from cloud");
            assertThat(cloud.requests().getFirst().model()).isEqualTo("gpt-other");
        }

        @Test
        void no_name_means_the_default_model() throws Exception {
            assertThat(onVirtualThread(model, ask(""), ModelListener.NONE).text()).isEqualTo("from local");
            assertThat(local.requests().getFirst().model()).isEqualTo("qwen3");
        }

        @Test
        void an_unknown_name_says_how_to_route_it() {
            ModelException e = catchThrowableOfType(ModelException.class,
                    () -> onVirtualThread(model, ask("mystery"), ModelListener.NONE));
            assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_CONFIGURED);
            assertThat(e.getMessage()).isEqualTo("no provider serves the model 'mystery': write provider/mystery with"
                    + " one of local, cloud, or list it under models.providers.<provider>.models");
            assertThat(local.served() + cloud.served()).isZero();
        }

        @Test
        void many_concurrent_turns_share_each_providers_client() throws Exception {
            List<Future<String>> answers = new ArrayList<>();
            try (ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 64; i++) {
                    String name = i % 2 == 0 ? "qwen3" : "gpt-big";
                    answers.add(turns.submit(() -> model.stream(ask(name), ModelListener.NONE).text()));
                }
            }
            assertThat(answers).allSatisfy(a -> assertThat(a.get()).startsWith("from "));
            assertThat(local.served()).isEqualTo(32);
            assertThat(cloud.served()).isEqualTo(32);
        }
    }

    @Nested
    class WithNothingConfigured {
        @Test
        void every_request_says_how_to_configure_a_model() {
            try (OpenAiModel none = new OpenAiModel(ModelsConfig.NONE)) {
                ModelException e = catchThrowableOfType(ModelException.class,
                        () -> onVirtualThread(none, ask("gpt-4o"), ModelListener.NONE));
                assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_CONFIGURED);
                assertThat(e.getMessage()).isEqualTo("no model is configured: set OPENAI_API_KEY (and OPENAI_BASE_URL"
                        + " for another endpoint) and JCLAW_MODEL, or models.providers in jclaw.json");
                assertThat(e.retryable()).isFalse();
            }
        }

        @Test
        void a_provider_without_a_default_model_asks_for_one() throws Exception {
            try (FakeModelServer server = FakeModelServer.start();
                 OpenAiModel unnamed = new OpenAiModel(new ModelsConfig("", Map.of("openai",
                         FakeProvider.provider("openai", server, TIMEOUT, TIMEOUT, Map.of()))))) {
                ModelException e = catchThrowableOfType(ModelException.class,
                        () -> onVirtualThread(unnamed, ask(""), ModelListener.NONE));
                assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_CONFIGURED);
                assertThat(e.getMessage()).isEqualTo("no model is named: set models.default in jclaw.json, or"
                        + " JCLAW_MODEL");
            }
        }
    }
}
