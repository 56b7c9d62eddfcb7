package dev.jclaw.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.testkit.model.FakeEmbeddings;
import dev.jclaw.testkit.model.FakeModelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Embeddings over a real socket from the fake model server's {@code /v1/embeddings}. */
class OpenAiEmbedderTest {
    FakeModelServer server;
    ModelsConfig models;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeModelServer.start();
        models = new ModelsConfig("", Map.of("fake", FakeProvider.provider("fake", server, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Map.of())));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Test
    void embeds_texts_in_order_as_unit_vectors_of_the_model_length() throws Exception {
        try (OpenAiEmbedder embedder = new OpenAiEmbedder(models, "fake/embed-1", 0)) {
            List<float[]> v = embedder.embed(List.of("the staging database", "staging database host", "lunch menu"));
            assertThat(v).hasSize(3).allSatisfy(x -> assertThat(dot(x, x)).isCloseTo(1.0, org.assertj.core.data
                    .Offset.offset(1e-5)));
            assertThat(embedder.dimensions()).isEqualTo(FakeEmbeddings.DEFAULT_DIMENSIONS);
            assertThat(dot(v.get(0), v.get(1))).isGreaterThan(dot(v.get(0), v.get(2)));
            assertThat(v.get(0)).isEqualTo(FakeEmbeddings.vector("the staging database", 64));
            assertThat(embedder.model()).isEqualTo("fake/embed-1");
        }
    }

    @Test
    void sends_many_texts_in_batches_and_asks_for_the_configured_length() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            texts.add("note number " + i);
        }
        try (OpenAiEmbedder embedder = new OpenAiEmbedder(models, "fake/embed-1", 32)) {
            List<float[]> v = embedder.embed(texts);
            assertThat(v).hasSize(150).allSatisfy(x -> assertThat(x).hasSize(32));
            assertThat(v.get(149)).isEqualTo(FakeEmbeddings.vector("note number 149", 32));
        }
        assertThat(server.embeddings().served()).isEqualTo(3);
    }

    @Test
    void a_failing_endpoint_is_one_sentence_and_never_the_key() throws Exception {
        server.embeddings().failNext(500);
        try (OpenAiEmbedder embedder = new OpenAiEmbedder(models, "fake/embed-1", 0)) {
            assertThatThrownBy(() -> embedder.embed(List.of("x"))).isInstanceOf(MemoryException.class)
                    .hasMessageStartingWith("the embedding model fake/embed-1 failed: ")
                    .hasMessageNotContaining(FakeProvider.KEY).hasMessageNotContaining("\n");
            assertThat(embedder.embed(List.of("x"))).hasSize(1);
        }
    }

    @Test
    void refuses_a_model_no_provider_serves() {
        ModelsConfig two = new ModelsConfig("", Map.of(
                "a", FakeProvider.provider("a", server, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Map.of("m1", new ModelsConfig.Model("m1", 8192))),
                "b", FakeProvider.provider("b", server, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        Map.of("m2", new ModelsConfig.Model("m2", 8192)))));
        assertThatThrownBy(() -> new OpenAiEmbedder(two, "nowhere", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no configured provider serves the embedding model nowhere");
    }
}
