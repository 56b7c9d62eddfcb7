package dev.jclaw.e2e;

import static dev.jclaw.e2e.DistributionTest.CLIENT;
import static dev.jclaw.e2e.DistributionTest.DIST;
import static dev.jclaw.e2e.DistributionTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.e2e.conformance.OpenAiNpmClients;
import dev.jclaw.e2e.conformance.OpenAiNpmClients.Line;
import dev.jclaw.e2e.conformance.OpenAiNpmClients.Report;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official {@code openai} npm clients, 6.x and 7.x, against JClaw's own {@code /v1} as a user reaches it: a user
 * and an API key made with {@code bin/jclaw users add} and {@code keys create}, {@code bin/jclaw serve} in its own
 * process, the fake model in this one. Every request is an agent turn (the fake sees JClaw's system prompt).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JClawApiConformanceTest {
    static final String ANSWER = "Hello through JClaw — ünïcödé 🌍.";
    Path home;
    FakeModelServer model;
    Process server;
    int port;
    String apiKey;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("jclaw-api-conformance");
        model = FakeModelServer.start().otherwise(body -> Reply.text(ANSWER).chunks(6).usage(1200, 9, 1024));
        Files.createDirectories(home.resolve("plugins"));
        Files.writeString(home.resolve("jclaw.json"), """
                {"models": {"default": "fake-1", "providers": {"fake": {"base-url": "%s",
                  "models": {"fake-1": {"context-window": 32768, "tokenizer": "estimate"}}}}}}
                """.formatted(model.baseUrl()));
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process added = jclaw("users", "add", "ci-user", "--tier", "yolo", "--generate").start();
        assertThat(added.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(added.exitValue()).as(new String(added.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        Process key = jclaw("keys", "create", "--user", "ci-user", "--name", "conformance").start();
        apiKey = new String(key.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(key.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(apiKey).startsWith("jck_");
        server = jclaw("serve").redirectErrorStream(true).redirectOutput(home.resolve("serve.log").toFile()).start();
        await("the server ready", 60_000, this::ready);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
        if (model != null) {
            model.close();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    ProcessBuilder jclaw(String... args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(DIST.resolve("bin/jclaw").toString()),
                Stream.of(args)).toList());
        Map<String, String> env = builder.environment();
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_SERVER_PORT", Integer.toString(port));
        env.put("JCLAW_SANDBOX_ENABLED", "false");
        env.remove("OPENAI_API_KEY");
        env.remove("OPENAI_BASE_URL");
        return builder.directory(home.toFile());
    }

    boolean ready() {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Line.class)
    void every_check_of_the_npm_client_passes_against_jclaw(Line line) throws Exception {
        OpenAiNpmClients.requireInstalled(line);
        int before = model.requests().size();
        Report report = OpenAiNpmClients.run(line, "http://127.0.0.1:" + port + "/v1", apiKey, "jclaw",
                Map.of("expect-text", ANSWER, "expect-cached-tokens", "1024"));
        assertThat(report.failures()).as(report.json() + "\n" + report.stderr() + "\n"
                + Files.readString(home.resolve("serve.log"))).isEmpty();
        assertThat(report.exitCode()).isZero();
        assertThat(report.detail("error.404").string("code")).isEqualTo("model_not_found");
        // create, the raw stream and the stream helper were each one agent turn, with JClaw's system prompt
        assertThat(model.requests().subList(before, model.requests().size())).hasSize(3)
                .allSatisfy(r -> assertThat(r.messages().getFirst().string("role")).isEqualTo("system"));
        assertThat(Files.readString(home.resolve("serve.log"))).doesNotContain(apiKey);
    }

    @Test
    void openai_java_gets_the_answer_streaming_and_not_with_usage() {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(apiKey)
                .maxRetries(0).build();
        try {
            ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model("jclaw")
                    .addUserMessage("Say hello.");
            ChatCompletion completion = client.chat().completions().create(params.build());
            assertThat(completion.choices().getFirst().message().content()).contains(ANSWER);
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params
                    .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
                stream.stream().forEach(accumulator::accumulate);
            }
            ChatCompletion streamed = accumulator.chatCompletion();
            assertThat(streamed.choices().getFirst().message().content()).contains(ANSWER);
            assertThat(streamed.usage().orElseThrow().promptTokensDetails()
                    .flatMap(CompletionUsage.PromptTokensDetails::cachedTokens)).contains(1024L);
        } finally {
            client.close();
        }
    }
}
