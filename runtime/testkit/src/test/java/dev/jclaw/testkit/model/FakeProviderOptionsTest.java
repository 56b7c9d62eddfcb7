package dev.jclaw.testkit.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's provider options: answers that do not stream, the model list, a required key, system-first templates. */
class FakeProviderOptionsTest {
    static final String ONE_SHOT = "{\"model\": \"gpt-test\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";

    FakeModelServer server;

    record Response(int status, String body) {
        JsonObject json() {
            return Json.parseObject(body);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = FakeModelServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    Response send(String method, String path, String key, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(server.baseUrl() + path).toURL().openConnection();
        try {
            c.setRequestMethod(method);
            c.setRequestProperty("Authorization", "Bearer " + key);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            return new Response(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }

    Response post(String body) throws IOException {
        return send("POST", "/chat/completions", "sk-1", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answers_a_request_that_does_not_stream_with_one_chat_completion_when_allowed() throws Exception {
        server.allowNonStreaming().enqueue(Reply.text("Hello there").usage(100, 2, 64));
        Response r = post(ONE_SHOT);
        assertThat(r.status()).isEqualTo(200);
        JsonObject completion = r.json();
        assertThat(completion.string("object")).isEqualTo("chat.completion");
        assertThat(completion.string("id")).startsWith("chatcmpl-");
        JsonObject choice = (JsonObject) completion.optArray("choices").orElseThrow().get(0);
        assertThat(choice.optObject("message").orElseThrow().string("content")).isEqualTo("Hello there");
        assertThat(choice.string("finish_reason")).isEqualTo("stop");
        assertThat(completion.optObject("usage").orElseThrow().optObject("prompt_tokens_details").orElseThrow()
                .optLong("cached_tokens")).contains(64L);
        server.assertNoProblems();
    }

    @Test
    void lists_its_models_and_answers_404_for_others() throws Exception {
        server.models("gpt-test", "gpt-other");
        Response list = send("GET", "/models", "sk-1", null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().optArray("data").orElseThrow().elements()).extracting(m -> ((JsonObject) m)
                .string("id")).containsExactly("gpt-test", "gpt-other");
        Response unknown = post("{\"model\": \"gpt-9\", \"stream\": true, \"messages\": [{\"role\": \"user\","
                + " \"content\": \"hi\"}]}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().optObject("error").orElseThrow().string("code")).isEqualTo("model_not_found");
        assertThat(server.served()).isZero();
        server.assertNoProblems();
    }

    @Test
    void refuses_a_wrong_key_with_401_as_openai_does() throws Exception {
        server.requireApiKey("sk-right");
        Response wrong = post(ONE_SHOT);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().optObject("error").orElseThrow().string("code")).isEqualTo("invalid_api_key");
        assertThat(send("GET", "/models", "sk-right", null).status()).isEqualTo(200);
    }

    @Test
    void refuses_a_system_message_that_is_not_first_when_asked_to() throws Exception {
        server.systemMessageFirstOnly();
        String late = "{\"model\": \"m\", \"stream\": true, \"messages\": [{\"role\": \"system\", \"content\": \"a\"},"
                + " {\"role\": \"user\", \"content\": \"hi\"}, {\"role\": \"system\", \"content\": \"note\"}]}";
        Response r = post(late);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().optObject("error").orElseThrow().string("message"))
                .isEqualTo("System message must be at the beginning. (messages[2] has role system)");
        String first = "{\"model\": \"m\", \"stream\": true, \"messages\": [{\"role\": \"system\", \"content\": \"a\"},"
                + " {\"role\": \"user\", \"content\": \"hi\"}]}";
        assertThat(post(first).status()).isEqualTo(200);
        assertThat(server.problems()).hasSize(1);
    }

    @Test
    void refuses_invalid_utf8_and_names_the_field_of_a_malformed_message() throws Exception {
        byte[] body = ONE_SHOT.replace("gpt-test", "gpt-test\", \"stream\": true, \"x\": \"\u00e9")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < body.length; i++) {
            if (body[i] == (byte) 0xC3) {
                body[i + 1] = 'x';
            }
        }
        Response bad = send("POST", "/chat/completions", "sk-1", body);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().optObject("error").orElseThrow().string("message")).contains("not valid UTF-8");
        Response wizard = post("{\"model\": \"m\", \"stream\": true, \"messages\": [{\"role\": \"wizard\","
                + " \"content\": \"hi\"}]}");
        assertThat(wizard.json().optObject("error").orElseThrow().string("message")).isEqualTo("malformed request:"
                + " messages[0].role: expected one of system, developer, user, assistant, tool, got \"wizard\"");
    }
}
