package dev.jclaw.model.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.config.ModelsConfig;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.core.model.Usage;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OpenAiModelTest {
    static final String KEY = "sk-test-secret-0123456789";
    FakeModelServer server;
    OpenAiModel model;

    @BeforeEach
    void setUp() throws Exception {
        server = FakeModelServer.start();
        model = new OpenAiModel(new ModelsConfig("fake-1", Map.of("fake", new ModelsConfig.Provider("fake",
                server.baseUrl(), KEY, Duration.ofSeconds(10),
                Map.of("fake-1", new ModelsConfig.Model("fake-1", 8192, 0, false))))));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    static ModelRequest request(List<ChatMessage> messages, List<ToolDefinition> tools) {
        return new ModelRequest("fake-1", "You are a test.", messages, tools, 0, "session-42");
    }

    static ModelRequest hello() {
        return request(List.of(new ChatMessage.User("hello")), List.of());
    }

    @Nested
    class Streaming {
        @Test
        void streams_text_in_order_and_reports_usage_with_cached_tokens() throws Exception {
            server.enqueue(Reply.text("Hello there, friend").chunks(4).usage(120, 7, 100));
            List<String> deltas = new CopyOnWriteArrayList<>();
            ModelResponse response = model.stream(hello(), new ModelListener() {
                @Override
                public void text(String delta) {
                    deltas.add(delta);
                }
            });
            assertThat(String.join("", deltas)).isEqualTo("Hello there, friend");
            assertThat(deltas).hasSizeGreaterThan(1);
            assertThat(response.text()).isEqualTo("Hello there, friend");
            assertThat(response.usage()).isEqualTo(new Usage(120, 7, 100, 0));
            assertThat(response.finishReason()).isEqualTo("stop");
            assertThat(server.problems()).isEmpty();
        }

        @Test
        void keeps_reasoning_apart_from_the_answer() throws Exception {
            server.enqueue(Reply.text("42").reasoning("thinking hard"));
            List<String> reasoning = new CopyOnWriteArrayList<>();
            ModelResponse response = model.stream(hello(), new ModelListener() {
                @Override
                public void reasoning(String delta) {
                    reasoning.add(delta);
                }
            });
            assertThat(response.text()).isEqualTo("42");
            assertThat(response.reasoning()).isEqualTo("thinking hard");
            assertThat(reasoning).containsExactly("thinking hard");
        }

        @Test
        void reassembles_parallel_tool_calls_split_across_chunks() throws Exception {
            server.enqueue(Reply.toolCalls().argumentPieces(5)
                    .call("call_a", "read", "{\"path\": \"notes/today.md\", \"limit\": 20}")
                    .call("call_b", "grep", "{\"pattern\": \"TODO\"}"));
            ModelResponse response = model.stream(hello(), ModelListener.NONE);
            assertThat(response.toolCalls()).containsExactly(
                    new ToolCall("call_a", "read", "{\"path\": \"notes/today.md\", \"limit\": 20}"),
                    new ToolCall("call_b", "grep", "{\"pattern\": \"TODO\"}"));
            assertThat(response.finishReason()).isEqualTo("tool_calls");
        }

        @Test
        void sends_system_prompt_history_tools_in_order_and_the_cache_key() throws Exception {
            server.enqueue(Reply.text("done"));
            ToolDefinition read = new ToolDefinition("read", "Read a file",
                    "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
            ToolDefinition bash = new ToolDefinition("bash", "Run a command", "{\"type\":\"object\"}");
            model.stream(request(List.of(new ChatMessage.User("read a.md"),
                    new ChatMessage.Assistant("", List.of(new ToolCall("c1", "read", "{\"path\":\"a.md\"}"))),
                    new ChatMessage.ToolResult("c1", "read", "1\thello"),
                    new ChatMessage.User("thanks")), List.of(read, bash)), ModelListener.NONE);
            FakeModelServer.Recorded sent = server.requests().getFirst();
            assertThat(sent.toolNames()).containsExactly("read", "bash");
            assertThat(sent.messages()).extracting(m -> m.string("role"))
                    .containsExactly("system", "user", "assistant", "tool", "user");
            assertThat(sent.messages().get(3).string("tool_call_id")).isEqualTo("c1");
            assertThat(sent.body().string("prompt_cache_key")).isEqualTo("session-42");
            assertThat(sent.body().string("model")).isEqualTo("fake-1");
            assertThat(sent.header("authorization")).isEqualTo("Bearer " + KEY);
            assertThat(server.problems()).isEmpty();
        }
    }

    @Nested
    class Failures {
        ModelException failure(Reply reply) {
            server.enqueue(reply);
            try {
                model.stream(hello(), ModelListener.NONE);
            } catch (ModelException e) {
                assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("\n");
                return e;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            throw new AssertionError("no failure");
        }

        @Test
        void classifies_rate_limits_with_retry_after() {
            ModelException e = failure(Reply.error(429, "{\"error\":{\"message\":\"slow down\"}}")
                    .header("Retry-After", "2"));
            assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMIT);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
        }

        @Test
        void classifies_context_overflow_auth_server_and_bad_request() {
            assertThat(failure(Reply.error(400, "{\"error\":{\"message\":\"This model's maximum context length is 8192"
                    + " tokens\",\"code\":\"context_length_exceeded\"}}")).kind())
                    .isEqualTo(ModelException.Kind.CONTEXT_OVERFLOW);
            assertThat(failure(Reply.error(401, "{\"error\":{\"message\":\"bad key\"}}")).kind())
                    .isEqualTo(ModelException.Kind.AUTH);
            assertThat(failure(Reply.error(503, "{\"error\":{\"message\":\"overloaded\"}}")).kind())
                    .isEqualTo(ModelException.Kind.SERVER);
            assertThat(failure(Reply.error(404, "{\"error\":{\"message\":\"no such model\"}}")).kind())
                    .isEqualTo(ModelException.Kind.BAD_REQUEST);
        }

        @Test
        void reports_a_stream_cut_off_midway_and_a_malformed_chunk() {
            assertThat(failure(Reply.text("a long answer that stops").chunks(6).cutOff()).kind())
                    .isEqualTo(ModelException.Kind.BAD_RESPONSE);
            assertThat(failure(Reply.text("x").malformed()).kind()).isEqualTo(ModelException.Kind.BAD_RESPONSE);
        }

        @Test
        void reports_an_unreachable_provider_as_a_network_error() {
            OpenAiModel nowhere = new OpenAiModel(new ModelsConfig("m", Map.of("dead", new ModelsConfig.Provider(
                    "dead", "http://127.0.0.1:9/v1", "", Duration.ofSeconds(5), Map.of()))));
            assertThatThrownBy(() -> nowhere.stream(hello(), ModelListener.NONE))
                    .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind())
                            .isEqualTo(ModelException.Kind.NETWORK));
        }

        @Test
        void says_how_to_configure_a_model_when_none_is() {
            OpenAiModel none = new OpenAiModel(new ModelsConfig("", Map.of()));
            assertThatThrownBy(() -> none.stream(hello(), ModelListener.NONE))
                    .isInstanceOfSatisfying(ModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_CONFIGURED);
                        assertThat(e.getMessage()).contains("OPENAI_API_KEY").contains("JCLAW_MODEL");
                    });
        }

        @Test
        void aborts_promptly_when_the_thread_is_interrupted() throws Exception {
            server.enqueue(Reply.text("slow answer here").chunks(10).chunkDelay(Duration.ofSeconds(1)));
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    model.stream(hello(), ModelListener.NONE);
                    outcome.complete(null);
                } catch (Exception e) {
                    outcome.complete(e);
                }
            });
            Thread.sleep(300);
            long start = System.nanoTime();
            thread.interrupt();
            assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void routes_model_names_to_their_providers() throws Exception {
        try (FakeModelServer other = FakeModelServer.start()) {
            other.enqueue(Reply.text("from other"));
            server.enqueue(Reply.text("from fake"));
            OpenAiModel routed = new OpenAiModel(new ModelsConfig("fake-1", Map.of(
                    "fake", new ModelsConfig.Provider("fake", server.baseUrl(), "", Duration.ofSeconds(5),
                            Map.of("fake-1", new ModelsConfig.Model("fake-1", 8192, 0, false))),
                    "other", new ModelsConfig.Provider("other", other.baseUrl(), "", Duration.ofSeconds(5), Map.of()))));
            assertThat(routed.stream(new ModelRequest("other/big", "", List.of(new ChatMessage.User("hi")), List.of(),
                    0, ""), ModelListener.NONE).text()).isEqualTo("from other");
            assertThat(routed.stream(hello(), ModelListener.NONE).text()).isEqualTo("from fake");
            assertThat(other.requests().getFirst().body().string("model")).isEqualTo("big");
        }
    }
}
