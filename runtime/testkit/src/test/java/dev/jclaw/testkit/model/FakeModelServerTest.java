package dev.jclaw.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The fake as a plain HTTP client sees it: real SSE on a socket, recorded requests, loud protocol checks. */
class FakeModelServerTest {
    static final String HELLO = """
            {"model": "gpt-test", "stream": true, "stream_options": {"include_usage": true},
             "prompt_cache_key": "s1", "messages": [{"role": "user", "content": "hi"}]}""";

    FakeModelServer server;

    /** What a client got back. */
    record Response(int statusCode, String contentType, String retryAfter, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = FakeModelServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Response post(String body) throws IOException {
        return send("POST", "/chat/completions", "application/json", body);
    }

    /** A plain HttpURLConnection: the testkit module reads java.base, not java.net.http. */
    Response send(String method, String path, String contentType, String body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(server.baseUrl() + path).toURL()
                .openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setRequestProperty("Authorization", "Bearer sk-1");
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, connection.getContentType(), connection.getHeaderField("Retry-After"), text);
        } finally {
            connection.disconnect();
        }
    }

    /** The data payloads of an SSE body, {@code [DONE]} included. */
    static List<String> events(String body) {
        return body.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    static String content(List<String> events) {
        StringBuilder text = new StringBuilder();
        for (String e : events) {
            if (!e.equals("[DONE]")) {
                JsonObject chunk = Json.parseObject(e);
                chunk.optArray("choices").orElseThrow().elements().forEach(c -> ((JsonObject) c).optObject("delta")
                        .flatMap(d -> d.optString("content")).ifPresent(text::append));
            }
        }
        return text.toString();
    }

    @Nested
    class Streaming {
        @Test
        void answers_with_role_content_finish_usage_and_done() throws Exception {
            server.enqueue(Reply.text("Hello there").chunks(3).usage(100, 2, 64));

            Response response = post(HELLO);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.contentType()).isEqualTo("text/event-stream");
            List<String> events = events(response.body());
            assertThat(events).hasSize(1 + 3 + 1 + 1 + 1).endsWith("[DONE]");
            assertThat(events.getFirst()).contains("\"role\":\"assistant\"");
            assertThat(content(events)).isEqualTo("Hello there");
            assertThat(events.get(4)).contains("\"finish_reason\":\"stop\"");
            assertThat(events.get(5)).contains("\"cached_tokens\":64").contains("\"choices\":[]");
        }

        @Test
        void sends_the_id_and_name_of_a_tool_call_in_its_first_chunk_only() throws Exception {
            server.enqueue(Reply.toolCalls().argumentPieces(3).call("c1", "read", "{\"path\":\"a\"}"));
            List<JsonObject> calls = events(post(HELLO).body()).stream().filter(e -> e.contains("\"tool_calls\":["))
                    .map(e -> (JsonObject) ((JsonObject) Json.parseObject(e).optArray("choices").orElseThrow().get(0))
                            .optObject("delta").orElseThrow().optArray("tool_calls").orElseThrow().get(0))
                    .toList();
            assertThat(calls).hasSize(4);
            assertThat(calls.getFirst().optString("id")).contains("c1");
            assertThat(calls.getFirst().optObject("function").orElseThrow().optString("name")).contains("read");
            assertThat(calls.subList(1, 4)).allSatisfy(piece -> {
                assertThat(piece.optString("id")).isEmpty();
                assertThat(piece.optObject("function").orElseThrow().optString("name")).isEmpty();
                assertThat(piece.optLong("index")).contains(0L);
            });
        }

        @Test
        void answers_ok_when_the_script_is_empty_or_what_the_default_says() throws Exception {
            assertThat(content(events(post(HELLO).body()))).isEqualTo("ok");
            server.otherwise(body -> Reply.text("echo " + body.string("model")));
            assertThat(content(events(post(HELLO).body()))).isEqualTo("echo gpt-test");
            assertThat(server.unusedReplies()).isZero();
        }

        @Test
        void sends_errors_with_their_status_headers_and_body() throws Exception {
            server.enqueue(Reply.rateLimited(Duration.ofSeconds(3)));
            Response response = post(HELLO);
            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.retryAfter()).isEqualTo("3");
            assertThat(response.body()).contains("rate_limit_exceeded");
        }

        @Test
        void drops_the_connection_of_a_cut_off_reply() {
            server.enqueue(Reply.text("a long answer").chunks(6).cutOff());
            assertThatThrownBy(() -> post(HELLO)).isInstanceOf(IOException.class);
            server.assertNoProblems();
        }

        @Test
        void serves_hundreds_of_concurrent_streams() throws Exception {
            server.recording(false);
            List<Future<Response>> responses = new ArrayList<>();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 256; i++) {
                    responses.add(clients.submit(() -> post(HELLO)));
                }
            }
            assertThat(responses).allSatisfy(r -> assertThat(content(events(r.get().body()))).isEqualTo("ok"));
            assertThat(server.served()).isEqualTo(256);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Nested
    class Recording {
        @Test
        void keeps_each_request_with_its_headers() throws Exception {
            post(HELLO);
            FakeModelServer.Recorded sent = server.requests().getFirst();
            assertThat(sent.model()).isEqualTo("gpt-test");
            assertThat(sent.promptCacheKey()).isEqualTo("s1");
            assertThat(sent.includesUsage()).isTrue();
            assertThat(sent.header("AUTHORIZATION")).isEqualTo("Bearer sk-1");
            assertThat(sent.messages()).extracting(m -> m.string("content")).containsExactly("hi");
        }
    }

    @Nested
    class ContentPartArrays {
        static final String PIXEL = "data:image/png;base64," + TestImages.PNG_1X1;

        @Test
        void takes_text_and_image_parts_in_a_user_message_and_records_them() throws Exception {
            Response response = post(ProtocolChecks.withMessages("[{\"role\": \"system\", \"content\": [{\"type\":"
                    + " \"text\", \"text\": \"be brief\"}]}, {\"role\": \"user\", \"content\": [{\"type\": \"text\","
                    + " \"text\": \"what is this?\"}, {\"type\": \"image_url\", \"image_url\": {\"url\": \"" + PIXEL
                    + "\"}}, {\"type\": \"image_url\", \"image_url\": {\"url\": \"https://example.com/c.jpg\","
                    + " \"detail\": \"low\"}}]}]"));
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject user = server.requests().getFirst().messages().getLast();
            assertThat(ContentParts.imageUrls(user)).containsExactly(PIXEL, "https://example.com/c.jpg");
            assertThat(ContentParts.text(user)).isEqualTo("what is this?");
            assertThat(ContentParts.text(server.requests().getFirst().messages().getFirst())).isEqualTo("be brief");
            assertThat(PromptText.of(server.requests().getFirst().body())).doesNotContain(TestImages.PNG_1X1)
                    .contains("<|image ");
            server.assertNoProblems();
        }

        @Test
        void refuses_images_outside_user_messages_bad_urls_and_unknown_parts() throws Exception {
            String image = "{\"type\": \"image_url\", \"image_url\": {\"url\": \"" + PIXEL + "\"}}";
            new ProtocolChecks().refuses(ProtocolChecks.withMessages("[{\"role\": \"system\", \"content\": ["
                    + image + "]}, {\"role\": \"user\", \"content\": \"hi\"}]"), "a system message takes parts of type text");
            new ProtocolChecks().refuses(ProtocolChecks.withMessages("[{\"role\": \"user\", \"content\": [{\"type\":"
                    + " \"image_url\", \"image_url\": {\"url\": \"file:///etc/passwd\"}}]}]"),
                    "expected a data:image/...;base64 URL or an http(s) URL");
            new ProtocolChecks().refuses(ProtocolChecks.withMessages("[{\"role\": \"user\", \"content\": [{\"type\":"
                    + " \"image_url\", \"image_url\": {\"url\": \"data:image/svg+xml;base64,PHN2Zz4=\"}}]}]"),
                    "expected an image of type image/png");
            new ProtocolChecks().refuses(ProtocolChecks.withMessages("[{\"role\": \"user\", \"content\": [{\"type\":"
                    + " \"video\"}]}]"), "got \"video\"");
            new ProtocolChecks().refuses(ProtocolChecks.withMessages("[{\"role\": \"user\", \"content\": []}]"),
                    "empty array of content parts");
        }
    }

    @Nested
    class ProtocolChecks {
        void refuses(String body, String problem) throws Exception {
            Response response = post(body);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(server.problems()).last().asString().contains(problem);
            assertThat(Json.parseObject(response.body()).optObject("error").orElseThrow().string("message"))
                    .contains(problem);
        }

        static String withMessages(String messages) {
            return "{\"model\": \"m\", \"stream\": true, \"messages\": " + messages + "}";
        }

        @Test
        void a_request_that_is_not_streaming() throws Exception {
            refuses("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                    "request is not streaming");
        }

        @Test
        void a_body_that_is_not_json_or_names_no_model() throws Exception {
            refuses("{\"model\": ", "request body is not a JSON object");
            refuses("{\"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}",
                    "request names no model");
            refuses(withMessages("[]"), "request has no messages");
        }

        @Test
        void a_tool_result_for_no_call() throws Exception {
            refuses(withMessages("[{\"role\": \"user\", \"content\": \"hi\"},"
                    + " {\"role\": \"tool\", \"tool_call_id\": \"x\", \"content\": \"r\"}]"),
                    "tool result for call x follows no tool call");
        }

        @Test
        void a_tool_call_left_unanswered() throws Exception {
            String call = "{\"role\": \"assistant\", \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\","
                    + " \"function\": {\"name\": \"read\", \"arguments\": \"{}\"}}]}";
            refuses(withMessages("[{\"role\": \"user\", \"content\": \"hi\"}, " + call
                    + ", {\"role\": \"user\", \"content\": \"and?\"}]"),
                    "tool call c1 has no tool result before the next user message");
            refuses(withMessages("[{\"role\": \"user\", \"content\": \"hi\"}, " + call + "]"),
                    "tool call c1 has no tool result at the end of the messages");
        }

        @Test
        void tool_names_openai_refuses_and_tools_offered_twice() throws Exception {
            String tool = "{\"type\": \"function\", \"function\": {\"name\": \"%s\", \"parameters\": {}}}";
            refuses("{\"model\": \"m\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                    + " \"tools\": [" + tool.formatted("server:tool") + "]}", "tool name \"server:tool\"");
            refuses("{\"model\": \"m\", \"stream\": true, \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}],"
                    + " \"tools\": [" + tool.formatted("read") + ", " + tool.formatted("read") + "]}",
                    "tool read is offered twice");
        }

        @Test
        void a_wrong_path_method_or_content_type() throws Exception {
            assertThat(send("POST", "/completions", "application/json", HELLO).statusCode()).isEqualTo(404);
            assertThat(send("GET", "/chat/completions", "", null).statusCode()).isEqualTo(405);
            assertThat(send("POST", "/chat/completions", "text/plain", HELLO).statusCode()).isEqualTo(400);
            assertThat(server.problems()).hasSize(3);
        }

        @Test
        void fail_a_test_that_asks_for_them() throws Exception {
            post("{\"model\": \"m\"}");
            assertThatThrownBy(server::assertNoProblems).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("request is not streaming");
            assertThat(server.requests()).as("refused requests are not recorded").isEmpty();
        }
    }
}
