package dev.jclaw.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.models.Model;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * openai-java as a client of an OpenAI-compatible endpoint — the fake model server here; {@link #client} and the
 * checks take any base URL, key and model, so JClaw's {@code /v1} can run them too.
 */
class OpenAiJavaClientConformanceTest {
    static final String KEY = "sk-conformance-0123456789";
    static final String MODEL = "fake-model";
    static final String ANSWER = "Hello from the fake — 中文 and 🌍.";

    FakeModelServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeModelServer.start().allowNonStreaming().models(MODEL).requireApiKey(KEY)
                .otherwise(body -> Reply.text(ANSWER).chunks(5).usage(1500, 11, 1280));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static OpenAIClient client(String baseUrl, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0).build();
    }

    static ChatCompletionCreateParams.Builder params(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello.");
    }

    @Test
    void lists_models_and_answers_without_streaming() {
        OpenAIClient client = client(server.baseUrl(), KEY);
        try {
            assertThat(client.models().list().data()).extracting(Model::id).contains(MODEL);
            ChatCompletion completion = client.chat().completions().create(params(MODEL).build());
            assertThat(completion.id()).startsWith("chatcmpl-");
            assertThat(completion.choices()).singleElement().satisfies(choice -> {
                assertThat(choice.message().content()).contains(ANSWER);
                assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
            });
            CompletionUsage usage = completion.usage().orElseThrow();
            assertThat(usage.totalTokens()).isEqualTo(1511);
            assertThat(usage.promptTokensDetails().flatMap(CompletionUsage.PromptTokensDetails::cachedTokens))
                    .contains(1280L);
        } finally {
            client.close();
        }
        server.assertNoProblems();
    }

    @Test
    void streams_with_usage_and_accumulates_the_same_answer() {
        OpenAIClient client = client(server.baseUrl(), KEY);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        Set<String> ids = new HashSet<>();
        StringBuilder deltas = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params(MODEL)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                ids.add(chunk.id());
                chunk.choices().forEach(c -> c.delta().content().ifPresent(deltas::append));
            });
        } finally {
            client.close();
        }
        ChatCompletion done = accumulator.chatCompletion();
        assertThat(ids).hasSize(1);
        assertThat(deltas).hasToString(ANSWER);
        assertThat(done.choices().getFirst().message().content()).contains(ANSWER);
        assertThat(done.usage().orElseThrow().promptTokensDetails()
                .flatMap(CompletionUsage.PromptTokensDetails::cachedTokens)).contains(1280L);
        assertThat(server.requests().getFirst().includesUsage()).isTrue();
        server.assertNoProblems();
    }

    @Test
    void a_wrong_key_and_an_unknown_model_surface_as_the_clients_typed_errors() {
        OpenAIClient wrong = client(server.baseUrl(), "sk-wrong");
        OpenAIClient right = client(server.baseUrl(), KEY);
        try {
            assertThatThrownBy(() -> wrong.chat().completions().create(params(MODEL).build()))
                    .isInstanceOf(UnauthorizedException.class);
            assertThatThrownBy(() -> right.chat().completions().create(params("no-such-model").build()))
                    .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code())
                            .contains("model_not_found"));
        } finally {
            wrong.close();
            right.close();
        }
        assertThat(server.requests()).isEqualTo(List.of());
    }
}
