package dev.jclaw.e2e.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.e2e.conformance.OpenAiNpmClients.Line;
import dev.jclaw.e2e.conformance.OpenAiNpmClients.Report;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official {@code openai} npm clients, 6.x and 7.x, against the fake model server over a real socket: proves
 * the harness and the wire model's output (which the fake writes) as the strict clients read it. JClaw's own
 * {@code /v1} runs the same harness through {@link OpenAiNpmClients}.
 */
class OpenAiClientsConformanceTest {
    static final String KEY = "sk-conformance-0123456789";
    static final String MODEL = "fake-model";
    static final String ANSWER = "Hello from the fake, in pieces — ünïcödé 🌍.";

    FakeModelServer server;

    @BeforeEach
    void start() throws Exception {
        server = FakeModelServer.start().allowNonStreaming().models(MODEL, "fake-other").requireApiKey(KEY)
                .otherwise(body -> Reply.text(ANSWER).chunks(6).usage(1200, 9, 1024));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Line.class)
    void every_check_of_the_npm_client_passes(Line line) throws Exception {
        OpenAiNpmClients.requireInstalled(line);
        Report report = OpenAiNpmClients.run(line, server.baseUrl(), KEY, MODEL, Map.of("expect-text", ANSWER,
                "expect-cached-tokens", "1024"));
        assertThat(report.failures()).as(report.json() + "\n" + report.stderr()).isEmpty();
        assertThat(report.exitCode()).isZero();
        assertThat(report.json().string("version")).startsWith(line == Line.OPENAI_6 ? "6." : "7.");
        assertThat(report.checks()).extracting(c -> c.string("name")).containsExactly("models.list", "create",
                "create.stream", "chat.completions.stream+finalChatCompletion", "error.401", "error.404");
        assertThat(report.detail("chat.completions.stream+finalChatCompletion").optObject("usage").orElseThrow()
                .optLong("cached_tokens")).contains(1024L);
        assertThat(report.detail("error.404").string("code")).isEqualTo("model_not_found");
        assertThat(server.requests()).as("create, create.stream and the stream helper reached the fake").hasSize(3);
        assertThat(server.requests().get(2).includesUsage()).isTrue();
        server.assertNoProblems();
    }

    @ParameterizedTest
    @EnumSource(Line.class)
    void a_broken_stream_fails_the_harness_instead_of_passing(Line line) throws Exception {
        OpenAiNpmClients.requireInstalled(line);
        server.otherwise(body -> Reply.text(ANSWER).chunks(6).cutOff());
        Report report = OpenAiNpmClients.run(line, server.baseUrl(), KEY, MODEL, Map.of());
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.failures()).anySatisfy(f -> assertThat(f).startsWith("create.stream: "))
                .anySatisfy(f -> assertThat(f).startsWith("chat.completions.stream+finalChatCompletion: "));
    }
}
