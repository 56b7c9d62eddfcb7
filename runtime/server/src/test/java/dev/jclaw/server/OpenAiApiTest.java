package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.testkit.TestPlugins;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenAI-compatible API over a real socket: API keys, the fake model on its own socket, streaming and not,
 * sessions, approvals answered over HTTP, and hostile requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiApiTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final Pattern APPROVAL = Pattern.compile(": approval_requested \\{\"id\":\"([A-Za-z0-9_-]{22})\"");
    FakeModelServer model;
    Path home;
    JClawServer server;
    String url;
    String carol;
    String bob;
    String admin;

    @BeforeAll
    void start() throws Exception {
        model = FakeModelServer.start();
        home = Files.createTempDirectory("jclaw-openai-api");
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.noteTool(plugins);
        TestServers.Started started = TestServers.start(TestServers.config(home, plugins, Map.of(
                "JCLAW_SANDBOX_ENABLED", "false", "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1")));
        server = started.server();
        admin = JClawServerTest.tokenIn(started.output());
        url = server.url();
        Actor operator = new Actor("cli:test", "cli", "");
        server.auth().accounts().add(new UserId("carol"), false, Tier.APPROVAL, "carol's long password", operator);
        server.auth().accounts().add(new UserId("bob"), false, Tier.YOLO, "bob's long password", operator);
        carol = server.auth().accounts().createKey(new UserId("carol"), "test", operator).secret();
        bob = server.auth().accounts().createKey(new UserId("bob"), "test", operator).secret();
    }

    @BeforeEach
    void freshModel() {
        model.otherwise(body -> Reply.text("unexpected request"));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        model.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    HttpResponse<String> post(String path, String key, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                // as clients of large uploads do (curl past 1 MiB): a body over server.max-body-bytes is refused
                // before it is read, and a client still sending it when the server closes may see a reset instead
                .expectContinue(body.length() > 256 * 1024);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String chat(String text, boolean stream) {
        return "{\"model\":\"jclaw\",\"stream\":" + stream + ",\"stream_options\":" + (stream
                ? "{\"include_usage\":true}" : "null") + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + Json.quote(text) + "}]}";
    }

    static JsonObject error(HttpResponse<String> response) {
        return Json.parseObject(response.body()).optObject("error").orElseThrow();
    }

    @Test
    void refuses_a_request_without_a_valid_key_in_openais_shape() throws Exception {
        HttpResponse<String> none = post("/v1/chat/completions", null, chat("hi", false));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(error(none).string("code")).isEqualTo("invalid_api_key");
        assertThat(post("/v1/chat/completions", "jck_wrong", chat("hi", false)).statusCode()).isEqualTo(401);
    }

    @Test
    void answers_without_streaming_through_the_agent() throws Exception {
        model.enqueue(Reply.text("Hello Bob").usage(30, 2, 16));
        HttpResponse<String> response = post("/v1/chat/completions", bob, chat("hi", false));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject completion = Json.parseObject(response.body());
        assertThat(completion.string("object")).isEqualTo("chat.completion");
        assertThat(completion.optArray("choices").orElseThrow().elements().getFirst())
                .isInstanceOfSatisfying(JsonObject.class, c -> assertThat(c.optObject("message").orElseThrow()
                        .string("content")).isEqualTo("Hello Bob"));
        assertThat(completion.optObject("usage").orElseThrow().optObject("prompt_tokens_details").orElseThrow()
                .optLong("cached_tokens")).contains(16L);
        // the agent's own system prompt went to the model, not just the client's message
        assertThat(model.requests().getLast().messages().getFirst().string("role")).isEqualTo("system");
    }

    @Test
    void streams_chunks_with_usage_and_done() throws Exception {
        model.enqueue(Reply.text("Streaming works").chunks(3).usage(40, 3, 32));
        HttpResponse<String> response = post("/v1/chat/completions", bob, chat("stream please", true));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("text/event-stream"));
        String body = response.body();
        assertThat(body).contains("\"object\":\"chat.completion.chunk\"").contains("\"finish_reason\":\"stop\"")
                .contains("\"cached_tokens\":32").endsWith("data: [DONE]\n\n");
        StringBuilder text = new StringBuilder();
        Matcher content = Pattern.compile("\"content\":\"([^\"]*)\"").matcher(body);
        while (content.find()) {
            text.append(content.group(1));
        }
        assertThat(text.toString()).isEqualTo("Streaming works");
    }

    @Test
    void keeps_a_named_conversation_on_the_server() throws Exception {
        model.enqueue(Reply.text("Noted, your name is Bob"), Reply.text("You are Bob"));
        post("/v1/chat/completions", bob, chat("my name is Bob", false), "X-JClaw-Session", "names");
        post("/v1/chat/completions", bob, chat("who am I?", false), "X-JClaw-Session", "names");
        assertThat(model.requests().getLast().messages()).extracting(m -> m.string("role"))
                .startsWith("system", "user", "assistant", "user");
    }

    @Test
    void a_request_without_a_session_is_its_own_conversation() throws Exception {
        model.enqueue(Reply.text("You said blue"));
        String body = "{\"model\":\"jclaw\",\"messages\":[{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"user\",\"content\":\"my colour is blue\"},{\"role\":\"assistant\",\"content\":\"ok\"},"
                + "{\"role\":\"user\",\"content\":\"what colour?\"}]}";
        assertThat(post("/v1/chat/completions", bob, body).statusCode()).isEqualTo(200);
        List<JsonObject> sent = model.requests().getLast().messages();
        assertThat(sent).extracting(m -> m.string("role")).startsWith("system", "user", "user", "assistant", "user");
        assertThat(Json.write(sent.get(2))).contains("my colour is blue");
    }

    @Test
    void a_write_under_the_approval_tier_waits_for_its_owner_over_http() throws Exception {
        model.enqueue(Reply.toolCalls().call("c1", "note", "{}"), Reply.text("Saved your note"));
        CompletableFuture<HttpResponse<String>> turn = CompletableFuture.supplyAsync(() -> {
            try {
                return post("/v1/chat/completions", carol, chat("note it", false));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String id = waitForApproval(carol);
        assertThat(post("/v1/approvals/" + id, bob, "{\"approve\":true}").statusCode()).isEqualTo(403);
        assertThat(post("/v1/approvals/" + id, carol, "{\"approve\":\"yes\"}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/approvals/" + id, carol, "{\"approve\":true}").statusCode()).isEqualTo(200);
        HttpResponse<String> done = turn.get();
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Saved your note");
        assertThat(Files.readString(home.resolve("data/workspace/users/carol/notes.txt"))).isEqualTo("noted\n");
        assertThat(post("/v1/approvals/" + id, carol, "{\"approve\":true}").statusCode()).isEqualTo(404);
        // the request and carol's yes are in the audit log, with the arguments' digest and never the arguments
        HttpResponse<String> audit = CLIENT.send(HttpRequest.newBuilder(URI.create(url
                + "/api/audit?user=carol&limit=50")).header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("approval.requested").contains("approval.decided")
                .contains("\"decision\":\"approved\"").contains("arguments_sha256").contains("\"channel\":\"openai\"");
    }

    String waitForApproval(String key) throws Exception {
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> pending = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/v1/approvals"))
                    .header("Authorization", "Bearer " + key).build(), HttpResponse.BodyHandlers.ofString());
            List<String> ids = new ArrayList<>();
            Matcher m = Pattern.compile("\"id\":\"([A-Za-z0-9_-]{22})\"").matcher(pending.body());
            while (m.find()) {
                ids.add(m.group(1));
            }
            if (!ids.isEmpty()) {
                return ids.getFirst();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no approval was requested");
    }

    @Test
    void lists_models_to_a_key_holder_only() throws Exception {
        HttpResponse<String> models = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/v1/models"))
                .header("Authorization", "Bearer " + bob).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(models.body()).contains("\"id\":\"jclaw\"");
        assertThat(CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void hostile_requests_get_a_clear_4xx_and_run_nothing() throws Exception {
        long before = model.served();
        assertThat(post("/v1/chat/completions", bob, "{not json").statusCode()).isEqualTo(400);
        assertThat(error(post("/v1/chat/completions", bob, "{\"model\":\"jclaw\",\"messages\":[{\"role\":\"wizard\","
                + "\"content\":\"hi\"}]}")).string("message")).contains("messages[0].role");
        assertThat(post("/v1/chat/completions", bob, "{\"model\":7,\"messages\":[]}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/chat/completions", bob, chat("hi", false), "X-JClaw-Tier", "god").statusCode())
                .isEqualTo(400);
        assertThat(post("/v1/chat/completions", bob, chat("hi", false), "X-JClaw-Session", "../../etc")
                .statusCode()).isEqualTo(400);
        String many = "{\"model\":\"jclaw\",\"messages\":[" + "{\"role\":\"user\",\"content\":\"x\"},".repeat(10_000)
                + "{\"role\":\"user\",\"content\":\"x\"}]}";
        assertThat(post("/v1/chat/completions", bob, many).statusCode()).isEqualTo(413);
        assertThat(post("/v1/chat/completions", bob, chat("x".repeat(10_000_000), false)).statusCode())
                .isEqualTo(413);
        assertThat(model.served()).isEqualTo(before);
    }
}
