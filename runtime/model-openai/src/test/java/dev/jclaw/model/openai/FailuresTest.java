package dev.jclaw.model.openai;

import static dev.jclaw.model.openai.FakeProvider.KEY;
import static dev.jclaw.model.openai.FakeProvider.hello;
import static dev.jclaw.model.openai.FakeProvider.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ModelException;
import dev.jclaw.core.model.ModelException.Kind;
import dev.jclaw.core.model.ModelListener;
import dev.jclaw.core.model.ModelRequest;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.testkit.model.Reply;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every failure becomes one classified sentence without the key; the port never retries. */
class FailuresTest {
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

    ModelException failure(Reply reply) {
        fake.server.enqueue(reply);
        return failure(fake.model, hello());
    }

    static ModelException failure(OpenAiModel model, ModelRequest request) {
        ModelException e = catchThrowableOfType(ModelException.class,
                () -> FakeProvider.onVirtualThread(model, request, ModelListener.NONE));
        assertThat(e).as("a ModelException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("\n").doesNotContain("\tat ")
                .hasSizeLessThan(400);
        return e;
    }

    @Nested
    class HttpErrors {
        @Test
        void a_429_is_a_rate_limit_with_retry_after_in_seconds() {
            ModelException e = failure(Reply.rateLimited(Duration.ofSeconds(2)));
            assertThat(e.kind()).isEqualTo(Kind.RATE_LIMIT);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).isEqualTo("the model provider 'fake' is rate-limiting requests (Rate limit"
                    + " reached; please try again later.)");
        }

        @Test
        void a_429_takes_retry_after_as_an_http_date_and_in_milliseconds() {
            String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                    ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
            ModelException dated = failure(Reply.error(429, "{}").header("Retry-After", inTenSeconds));
            assertThat(dated.retryAfter()).hasValueSatisfying(d ->
                    assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10)));
            ModelException millis = failure(Reply.error(429, "{}").header("retry-after-ms", "1500"));
            assertThat(millis.retryAfter()).contains(Duration.ofMillis(1500));
            assertThat(failure(Reply.error(429, "{}")).retryAfter()).isEmpty();
        }

        @Test
        void context_length_exceeded_is_a_context_overflow() {
            assertThat(failure(Reply.contextOverflow()).kind()).isEqualTo(Kind.CONTEXT_OVERFLOW);
            ModelException byMessage = failure(Reply.error(400, "{\"error\":{\"message\":\"This model's maximum"
                    + " context length is 4096 tokens\"}}"));
            assertThat(byMessage.kind()).isEqualTo(Kind.CONTEXT_OVERFLOW);
            assertThat(byMessage.getMessage()).isEqualTo("the conversation is too long for fake-1's context window");
        }

        @Test
        void a_401_or_403_is_an_auth_failure() {
            ModelException e = failure(Reply.error(401, "{\"error\":{\"message\":\"Incorrect API key provided: "
                    + KEY + "\"}}"));
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).startsWith("the model provider 'fake' refused the API key (HTTP 401)");
            assertThat(failure(Reply.error(403, "{}")).kind()).isEqualTo(Kind.AUTH);
        }

        @Test
        void a_5xx_is_a_server_failure() {
            ModelException e = failure(Reply.error(503, "{\"error\":{\"message\":\"overloaded\"}}"));
            assertThat(e.kind()).isEqualTo(Kind.SERVER);
            assertThat(e.getMessage()).isEqualTo("the model provider 'fake' failed (HTTP 503: overloaded)");
            assertThat(failure(Reply.error(500, "not json at all")).kind()).isEqualTo(Kind.SERVER);
        }

        @Test
        void another_4xx_is_a_bad_request_with_the_providers_reason() {
            ModelException e = failure(Reply.error(404, "{\"error\":{\"message\":\"The model `fake-1` does not"
                    + " exist\"}}"));
            assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(e.getMessage()).isEqualTo("the model provider 'fake' refused the request for fake-1"
                    + " (HTTP 404: The model `fake-1` does not exist)");
            assertThat(e.retryable()).isFalse();
        }

        @Test
        void an_echoed_api_key_is_blanked_out_and_a_long_reason_shortened() {
            ModelException e = failure(Reply.error(400, "{\"error\":{\"message\":\"bad key " + KEY + "\\n"
                    + "x".repeat(2000) + "\"}}"));
            assertThat(e.getMessage()).contains("bad key <redacted>");
        }

        @Test
        void are_not_retried_by_the_port() {
            failure(Reply.error(500, "{}"));
            assertThat(fake.server.served()).isEqualTo(1);
        }
    }

    @Nested
    class BrokenStreams {
        @Test
        void a_malformed_chunk_is_a_bad_response() {
            ModelException e = failure(Reply.text("x").malformed());
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).startsWith("the model provider 'fake' sent a chunk that is not a valid chat"
                    + " completion");
        }

        @Test
        void a_stream_cut_off_midway_is_a_bad_response_after_the_text_that_arrived() {
            fake.server.enqueue(Reply.text("a long answer that stops somewhere").chunks(8).cutOff());
            FakeProvider.Recording listener = new FakeProvider.Recording();
            ModelException e = catchThrowableOfType(ModelException.class, () -> fake.stream(hello(), listener));
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).startsWith("the answer of fake-1 was cut off midway");
            assertThat(String.join("", listener.text)).isNotEmpty().isSubstringOf("a long answer that stops somewhere");
        }

        @Test
        void a_stream_cut_off_before_any_of_the_answer_is_a_network_failure_to_retry() {
            ModelException e = failure(Reply.toolCalls().call("c1", "read", "{}").cutOff());
            assertThat(e.kind()).as("the call had begun").isEqualTo(Kind.BAD_RESPONSE);
            ModelException early = failure(Reply.text("").noUsage().cutOff());
            assertThat(early.kind()).isEqualTo(Kind.NETWORK);
            assertThat(early.retryable()).isTrue();
        }

        @Test
        void an_error_event_midway_is_a_server_failure_with_its_message() {
            ModelException e = failure(Reply.text("partial").streamError("The server had an error"));
            assertThat(e.kind()).isEqualTo(Kind.SERVER);
            assertThat(e.getMessage()).isEqualTo("the model provider 'fake' failed while answering: The server had"
                    + " an error");
        }

        @Test
        void an_overflow_reported_midway_is_a_context_overflow() {
            ModelException e = failure(Reply.text("partial").streamError("This model's maximum context length is"
                    + " 8192 tokens"));
            assertThat(e.kind()).isEqualTo(Kind.CONTEXT_OVERFLOW);
        }

        @Test
        void a_stream_that_ends_without_a_finish_reason_is_a_bad_response() {
            ModelException e = failure(Reply.text("x").finish("").noUsage());
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).isEqualTo("the answer of fake-1 was cut off before it finished; try again");
        }
    }

    @Nested
    class Unreachable {
        @Test
        void a_refused_connection_is_a_network_failure_naming_the_url() {
            OpenAiModel nowhere = new OpenAiModel(new ModelsConfig("m", Map.of("dead", new ModelsConfig.Provider(
                    "dead", "http://127.0.0.1:9/v1", KEY, Duration.ofSeconds(5), Map.of()))));
            ModelException e = failure(nowhere, hello());
            assertThat(e.kind()).isEqualTo(Kind.NETWORK);
            assertThat(e.getMessage()).isEqualTo("cannot reach the model provider 'dead' at http://127.0.0.1:9/v1"
                    + " (connection refused); check its base URL and that it is running");
            nowhere.close();
        }

        @Test
        void an_unknown_host_is_a_network_failure() {
            OpenAiModel nowhere = new OpenAiModel(new ModelsConfig("m", Map.of("dns", new ModelsConfig.Provider(
                    "dns", "http://no-such-host.invalid/v1", KEY, Duration.ofSeconds(5), Map.of()))));
            ModelException e = failure(nowhere, hello());
            assertThat(e.kind()).isEqualTo(Kind.NETWORK);
            assertThat(e.getMessage()).contains("(unknown host").doesNotContain("Exception");
            nowhere.close();
        }
    }

    @Nested
    class BadInput {
        @Test
        void a_tool_schema_that_is_not_json_is_a_bad_request_naming_the_tool() {
            ModelException e = failure(fake.model, request(List.of(new ChatMessage.User("hi")),
                    List.of(new ToolDefinition("broken", "", "{not json"))));
            assertThat(e.kind()).isEqualTo(Kind.BAD_REQUEST);
            assertThat(e.getMessage()).startsWith("the tool 'broken' declares a parameters schema that is not");
            assertThat(fake.server.served()).isZero();
        }

        @Test
        void a_listeners_own_exception_passes_through_unclassified() {
            fake.server.enqueue(Reply.text("hello"));
            assertThatThrownBy(() -> fake.stream(hello(), new ModelListener() {
                @Override
                public void text(String delta) {
                    throw new IllegalStateException("listener bug");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("listener bug");
        }
    }
}
