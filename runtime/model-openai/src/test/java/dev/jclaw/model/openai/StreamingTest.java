package dev.jclaw.model.openai;

import static dev.jclaw.model.openai.FakeProvider.KEY;
import static dev.jclaw.model.openai.FakeProvider.hello;
import static dev.jclaw.model.openai.FakeProvider.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ModelResponse;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.core.model.Usage;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Streaming through openai-java against the fake server over a real socket. */
class StreamingTest {
    FakeProvider fake;

    @BeforeEach
    void start() throws Exception {
        fake = FakeProvider.start();
    }

    @AfterEach
    void stop() {
        fake.server.assertNoProblems();
        fake.close();
    }

    @Nested
    class Text {
        @Test
        void arrives_as_deltas_in_order_and_assembled() throws Exception {
            fake.server.enqueue(Reply.text("Hello there, my friend").chunks(5));
            FakeProvider.Recording listener = new FakeProvider.Recording();

            ModelResponse response = fake.stream(hello(), listener);

            assertThat(listener.text).hasSizeGreaterThanOrEqualTo(5);
            assertThat(String.join("", listener.text)).isEqualTo("Hello there, my friend");
            assertThat(response.text()).isEqualTo("Hello there, my friend");
            assertThat(response.finishReason()).isEqualTo("stop");
            assertThat(response.toolCalls()).isEmpty();
            assertThat(listener.chunks).as("role, 5 pieces, finish, usage").isEqualTo(8);
        }

        @Test
        void keeps_characters_outside_the_basic_plane_whole() throws Exception {
            fake.server.enqueue(Reply.text("ok 🦀🦀🦀 done").chunks(7));
            assertThat(fake.stream(hello(), ModelListener.NONE).text()).isEqualTo("ok 🦀🦀🦀 done");
        }

        @Test
        void reports_usage_with_cached_and_reasoning_tokens() throws Exception {
            fake.server.enqueue(Reply.text("42").usage(1200, 7, 1024).reasoningTokens(3));
            assertThat(fake.stream(hello(), ModelListener.NONE).usage()).isEqualTo(new Usage(1200, 7, 1024, 3));
        }

        @Test
        void reports_no_usage_when_the_provider_sends_none() throws Exception {
            fake.server.enqueue(Reply.text("42").noUsage());
            assertThat(fake.stream(hello(), ModelListener.NONE).usage()).isEqualTo(Usage.NONE);
        }

        @Test
        void passes_on_the_finish_reason() throws Exception {
            fake.server.enqueue(Reply.text("truncat").finish("length"));
            assertThat(fake.stream(hello(), ModelListener.NONE).finishReason()).isEqualTo("length");
        }
    }

    @Nested
    class Reasoning {
        @Test
        void is_kept_apart_from_the_answer() throws Exception {
            fake.server.enqueue(Reply.text("The answer is 42.").reasoning("Six times seven is forty-two.").chunks(3));
            FakeProvider.Recording listener = new FakeProvider.Recording();

            ModelResponse response = fake.stream(hello(), listener);

            assertThat(response.text()).isEqualTo("The answer is 42.");
            assertThat(response.reasoning()).isEqualTo("Six times seven is forty-two.");
            assertThat(String.join("", listener.reasoning)).isEqualTo("Six times seven is forty-two.");
            assertThat(String.join("", listener.text)).isEqualTo("The answer is 42.");
        }
    }

    @Nested
    class ToolCalls {
        @Test
        void a_single_call_is_reassembled_from_pieces() throws Exception {
            fake.server.enqueue(Reply.toolCalls().argumentPieces(7)
                    .call("call_1", "read", "{\"path\": \"notes/today.md\", \"limit\": 20}"));

            ModelResponse response = fake.stream(hello(), ModelListener.NONE);

            assertThat(response.toolCalls()).containsExactly(
                    new ToolCall("call_1", "read", "{\"path\": \"notes/today.md\", \"limit\": 20}"));
            assertThat(response.finishReason()).isEqualTo("tool_calls");
        }

        @Test
        void parallel_calls_are_merged_by_index_in_order() throws Exception {
            fake.server.enqueue(Reply.toolCalls().argumentPieces(5)
                    .call("call_a", "read", "{\"path\": \"a.md\"}")
                    .call("call_b", "grep", "{\"pattern\": \"TODO\", \"glob\": \"*.java\"}")
                    .call("call_c", "glob", "{\"pattern\": \"**/*.md\"}"));

            assertThat(fake.stream(hello(), ModelListener.NONE).toolCalls()).containsExactly(
                    new ToolCall("call_a", "read", "{\"path\": \"a.md\"}"),
                    new ToolCall("call_b", "grep", "{\"pattern\": \"TODO\", \"glob\": \"*.java\"}"),
                    new ToolCall("call_c", "glob", "{\"pattern\": \"**/*.md\"}"));
        }

        @Test
        void interleaved_pieces_of_parallel_calls_are_merged_by_index() throws Exception {
            fake.server.enqueue(Reply.toolCalls().argumentPieces(4).interleaved()
                    .call("call_a", "read", "{\"path\": \"first.md\"}")
                    .call("call_b", "read", "{\"path\": \"second.md\"}"));

            assertThat(fake.stream(hello(), ModelListener.NONE).toolCalls()).containsExactly(
                    new ToolCall("call_a", "read", "{\"path\": \"first.md\"}"),
                    new ToolCall("call_b", "read", "{\"path\": \"second.md\"}"));
        }

        @Test
        void malformed_arguments_are_passed_on_as_text_for_the_loop_to_judge() throws Exception {
            fake.server.enqueue(Reply.toolCalls().call("c1", "read", "{\"path\": "));
            assertThat(fake.stream(hello(), ModelListener.NONE).toolCalls())
                    .containsExactly(new ToolCall("c1", "read", "{\"path\": "));
        }

        @Test
        void text_before_the_calls_is_kept() throws Exception {
            fake.server.enqueue(Reply.text("Let me look.").call("c1", "read", "{}").finish("tool_calls"));
            ModelResponse response = fake.stream(hello(), ModelListener.NONE);
            assertThat(response.text()).isEqualTo("Let me look.");
            assertThat(response.toolCalls()).extracting(ToolCall::name).containsExactly("read");
        }
    }

    @Nested
    class Request {
        static final ToolDefinition READ = new ToolDefinition("read", "Read a file",
                "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}");
        static final ToolDefinition BASH = new ToolDefinition("bash", "Run a command", "{\"type\":\"object\"}");

        FakeModelServer.Recorded send(ModelRequest request) throws Exception {
            fake.server.enqueue(Reply.text("done"));
            fake.stream(request, ModelListener.NONE);
            return fake.server.requests().getLast();
        }

        @Test
        void puts_the_system_prompt_first_then_the_history_with_tool_result_ids() throws Exception {
            FakeModelServer.Recorded sent = send(request(List.of(new ChatMessage.User("read a.md and b.md"),
                    new ChatMessage.Assistant("", List.of(new ToolCall("c1", "read", "{\"path\":\"a.md\"}"),
                            new ToolCall("c2", "read", "{\"path\":\"b.md\"}"))),
                    new ChatMessage.ToolResult("c1", "read", "1\thello"),
                    new ChatMessage.ToolResult("c2", "read", "1\tworld"),
                    new ChatMessage.Assistant("Both say hi.", List.of()),
                    new ChatMessage.User("thanks")), List.of(READ, BASH)));

            assertThat(sent.messages()).extracting(m -> m.string("role"))
                    .containsExactly("system", "user", "assistant", "tool", "tool", "assistant", "user");
            assertThat(sent.messages().getFirst().string("content")).isEqualTo("You are a test.");
            assertThat(sent.messages().get(2).optArray("tool_calls").orElseThrow().size()).isEqualTo(2);
            assertThat(sent.messages().get(3).string("tool_call_id")).isEqualTo("c1");
            assertThat(sent.messages().get(3).string("content")).isEqualTo("1\thello");
            assertThat(sent.messages().get(4).string("tool_call_id")).isEqualTo("c2");
        }

        @Test
        void offers_the_tools_in_the_given_order_with_their_schemas() throws Exception {
            FakeModelServer.Recorded sent = send(request(List.of(new ChatMessage.User("hi")), List.of(BASH, READ)));

            assertThat(sent.toolNames()).containsExactly("bash", "read");
            assertThat(sent.tools().get(1).optObject("function").orElseThrow().optObject("parameters").orElseThrow())
                    .isEqualTo(Json.parseObject(READ.parametersSchema()));
        }

        @Test
        void sends_the_prompt_cache_key_the_model_id_streaming_options_and_the_key() throws Exception {
            FakeModelServer.Recorded sent = send(hello());

            assertThat(sent.promptCacheKey()).isEqualTo("session-42");
            assertThat(sent.model()).isEqualTo("fake-1");
            assertThat(sent.includesUsage()).isTrue();
            assertThat(sent.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(sent.body().optLong("max_completion_tokens")).isEmpty();
        }

        @Test
        void leaves_out_an_empty_system_prompt_and_cache_key() throws Exception {
            FakeModelServer.Recorded sent = send(new ModelRequest("", "", List.of(new ChatMessage.User("hi")),
                    List.of(), 0, ""));

            assertThat(sent.messages()).extracting(m -> m.string("role")).containsExactly("user");
            assertThat(sent.promptCacheKey()).isEmpty();
            assertThat(sent.model()).as("the default model").isEqualTo("fake-1");
        }

        @Test
        void limits_output_by_the_request_else_by_the_models_configuration() throws Exception {
            assertThat(send(new ModelRequest("fake-1", "", List.of(new ChatMessage.User("hi")), List.of(), 99, ""))
                    .body().optLong("max_completion_tokens")).contains(99L);
            try (FakeProvider limited = FakeProvider.withMaxOutputTokens(512)) {
                limited.server.enqueue(Reply.text("ok"));
                limited.stream(hello(), ModelListener.NONE);
                assertThat(limited.server.requests().getFirst().body().optLong("max_completion_tokens"))
                        .contains(512L);
            }
        }
    }
}
