package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigLoader;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.server.cli.Cli;
import dev.jclaw.server.http.WorkspaceHeader;
import dev.jclaw.testkit.TestPlugins;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The conversation routes of terminal clients over a real socket, and {@code jclaw run}/{@code chat} finding the
 * server on their JClaw home: the local token, turn events as SSE, commands, stop, approvals, hostile requests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationRoutesTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    FakeModelServer model;
    Path home;
    Path plugins;
    JClawServer server;
    String url;
    String local;
    String carol;
    String admin;

    @BeforeAll
    void start() throws Exception {
        model = FakeModelServer.start();
        home = Files.createTempDirectory("jclaw-conversation-routes");
        plugins = Files.createDirectories(home.resolve("plugins"));
        TestPlugins.noteTool(plugins);
        TestServers.Started started = TestServers.start(TestServers.config(home, plugins, env()));
        server = started.server();
        admin = JClawServerTest.tokenIn(started.output());
        url = server.url();
        local = RuntimeFile.read(home.resolve("data")).orElseThrow().token();
        Actor operator = new Actor("cli:test", "cli", "");
        server.auth().accounts().add(new UserId("carol"), false, Tier.APPROVAL, "carol's long password", operator);
        carol = server.auth().accounts().createKey(new UserId("carol"), "test", operator).secret();
    }

    Map<String, String> env() {
        return Map.of("JCLAW_SANDBOX_ENABLED", "false", "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1");
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

    HttpResponse<String> post(String path, String token, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body))
                // as clients of large uploads do (curl past 1 MiB): a body over server.max-body-bytes is refused
                // before it is read, and a client still sending it when the server closes may see a reset instead
                .expectContinue(body.length() > 256 * 1024);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        return post(path, token, "application/json", body);
    }

    static List<JsonObject> events(String sse) {
        return sse.lines().filter(l -> l.startsWith("data:")).map(l -> Json.parseObject(l.substring(5).strip()))
                .toList();
    }

    @Nested
    class Turns {
        @Test
        void the_local_token_runs_a_turn_as_the_terminal_and_streams_its_events() throws Exception {
            model.enqueue(Reply.text("Hello from the server").chunks(3).usage(20, 4, 0));
            HttpResponse<String> res = post("/api/conversations/routes-a/messages", local, "{\"text\":\"hi\"}");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                    assertThat(t).startsWith("text/event-stream"));
            List<JsonObject> events = events(res.body());
            assertThat(events).extracting(e -> e.string("type")).contains("text", "usage").endsWith("done");
            assertThat(events.getLast().string("answer")).isEqualTo("Hello from the server");
        }

        @Test
        void a_user_key_runs_a_turn_that_waits_for_approval_and_stop_aborts_it() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "note", "{}"));
            CompletableFuture<HttpResponse<String>> turn = CompletableFuture.supplyAsync(() -> {
                try {
                    return post("/api/conversations/routes-b/messages", carol, "{\"text\":\"note it\"}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            new OpenAiApiTest() {
                { url = ConversationRoutesTest.this.url; }
            }.waitForApproval(carol);
            assertThat(post("/api/conversations/routes-b/stop", local, "{}").body()).contains("\"stopped\":false");
            assertThat(post("/api/conversations/routes-b/stop", carol, "{}").body()).contains("\"stopped\":true");
            List<JsonObject> events = events(turn.get(30, TimeUnit.SECONDS).body());
            assertThat(events).extracting(e -> e.string("type")).contains("approval_requested").endsWith("failed");
            assertThat(events.getLast().string("reason")).isEqualTo("aborted");
            assertThat(events).filteredOn(e -> e.string("type").equals("approval_requested")).singleElement()
                    .satisfies(e -> assertThat(e.string("approval_id")).isNotBlank());
        }

        @Test
        void commands_run_through_the_gateway() throws Exception {
            HttpResponse<String> status = post("/api/conversations/routes-c/commands", local,
                    "{\"line\":\"/status\"}");
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(Json.parseObject(status.body()).optBoolean("handled")).contains(true);
            assertThat(Json.parseObject(status.body()).optString("reply")).isPresent();
            assertThat(post("/api/conversations/routes-c/commands", local, "{\"line\":\"just words\"}").body())
                    .isEqualTo("{\"handled\":false}");
        }
    }

    @Nested
    class Workspaces {
        HttpResponse<String> post(String path, String token, String workspace, String body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).header(WorkspaceHeader.NAME, workspace)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void the_local_token_names_the_directory_a_turn_and_its_commands_work_in() throws Exception {
            Path named = Files.createDirectories(home.resolve("projects/my project/项目"));
            HttpResponse<String> status = post("/api/conversations/ws-a/commands", local,
                    WorkspaceHeader.encode(named), "{\"line\":\"/status\"}");
            assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
            assertThat(Json.parseObject(status.body()).string("reply")).contains("workspace:    " + named.toRealPath())
                    .contains("session key:  user:admin/cli/ws-a");
            model.enqueue(Reply.toolCalls().call("n1", "note", "{}"), Reply.text("Noted."));
            CompletableFuture<HttpResponse<String>> turn = CompletableFuture.supplyAsync(() -> {
                try {
                    return post("/api/conversations/ws-a/messages", local, WorkspaceHeader.encode(named),
                            "{\"text\":\"note it\"}");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String id = new OpenAiApiTest() {
                { url = ConversationRoutesTest.this.url; }
            }.waitForApproval(local);
            assertThat(ConversationRoutesTest.this.post("/v1/approvals/" + id, local, "{\"approve\":true}")
                    .statusCode()).isEqualTo(200);
            assertThat(events(turn.get(30, TimeUnit.SECONDS).body()).getLast().string("answer")).isEqualTo("Noted.");
            assertThat(named.resolve("notes.txt")).hasContent("noted");
            assertThat(home.resolve("data/workspace/users/admin/notes.txt")).doesNotExist();
        }

        @Test
        void any_other_credential_naming_a_workspace_is_refused_and_reaches_no_model() throws Exception {
            long before = model.served();
            String elsewhere = WorkspaceHeader.encode(home.resolve("elsewhere"));
            for (String token : List.of(carol, admin)) {
                for (String path : List.of("/api/conversations/ws-b/messages", "/api/conversations/ws-b/commands")) {
                    HttpResponse<String> res = post(path, token, elsewhere, "{\"text\":\"hi\",\"line\":\"/status\"}");
                    assertThat(res.statusCode()).as(path).isEqualTo(403);
                    assertThat(Json.parseObject(res.body()).string("error")).contains(WorkspaceHeader.NAME)
                            .contains("local token");
                }
            }
            assertThat(home.resolve("elsewhere")).doesNotExist();
            assertThat(model.served()).isEqualTo(before);
        }

        @Test
        void malformed_or_unusable_workspaces_get_400_and_reach_no_model() throws Exception {
            long before = model.served();
            Path file = Files.writeString(home.resolve("a-file"), "not a directory");
            for (String bad : List.of("relative/dir", "%ZZ", "/a%", "/bad%C3%28utf8", "/nul%00byte", "/line%0Abreak",
                    "/" + "a".repeat(9000), WorkspaceHeader.encode(file.resolve("sub")))) {
                HttpResponse<String> res = post("/api/conversations/ws-c/messages", local, bad, "{\"text\":\"hi\"}");
                assertThat(res.statusCode()).as(bad).isEqualTo(400);
                assertThat(Json.parseObject(res.body()).string("error")).as(bad).isNotBlank();
            }
            try (RawHttp raw = RawHttp.connect(url)) {
                String body = "{\"line\":\"/status\"}";
                RawHttp.Response res = raw.send("POST /api/conversations/ws-c/commands HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + local + "\r\nContent-Type: application/json\r\n"
                        + WorkspaceHeader.NAME + ": /h\u00e9llo\r\nContent-Length: " + body.length()
                        + "\r\nConnection: close\r\n\r\n" + body).read();
                assertThat(res.status()).isEqualTo(400);
            }
            assertThat(model.served()).isEqualTo(before);
        }
    }

    @Nested
    class Refusals {
        @Test
        void a_wrong_or_missing_token_gets_401_json() throws Exception {
            for (String token : new String[] {null, "not-a-token", local + "0"}) {
                HttpResponse<String> res = post("/api/conversations/x/messages", token, "{\"text\":\"hi\"}");
                assertThat(res.statusCode()).isEqualTo(401);
                assertThat(Json.parseObject(res.body()).optString("error")).isPresent();
            }
        }

        @Test
        void the_local_token_is_the_terminals_admin_for_accounts_but_stays_refused_on_the_plugin_admin_api()
                throws Exception {
            for (String path : List.of("/api/audit", "/api/users", "/api/keys")) {
                HttpResponse<String> res = CLIENT.send(HttpRequest.newBuilder(URI.create(url + path))
                        .header("Authorization", "Bearer " + local).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(res.statusCode()).as(path).isEqualTo(200);
            }
            HttpResponse<String> metrics = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/metrics"))
                    .header("Authorization", "Bearer " + local).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(403);
        }

        @Test
        void a_channel_in_the_address_reaches_the_callers_own_conversation_there() throws Exception {
            model.enqueue(Reply.text("in the web channel"));
            assertThat(post("/api/conversations/web:routes-d/messages", carol, "{\"text\":\"hi\"}").statusCode())
                    .isEqualTo(200);
            HttpResponse<String> listed = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/api/conversations"
                    + "?channel=web")).header("Authorization", "Bearer " + carol).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.body()).contains("\"address\":\"web:routes-d\"");
            assertThat(post("/api/conversations/Web:x/messages", carol, "{\"text\":\"hi\"}").statusCode())
                    .isEqualTo(400);
        }

        @Test
        void hostile_bodies_and_names_get_a_clear_4xx_and_reach_no_model() throws Exception {
            long before = model.served();
            assertThat(post("/api/conversations/x/messages", local, "{not json").statusCode()).isEqualTo(400);
            assertThat(post("/api/conversations/x/messages", local, "[1]").statusCode()).isEqualTo(400);
            assertThat(post("/api/conversations/x/messages", local, "{\"text\":42}").statusCode()).isEqualTo(400);
            assertThat(post("/api/conversations/x/messages", local, "{\"text\":\"  \"}").statusCode()).isEqualTo(400);
            assertThat(post("/api/conversations/x/messages", local, "{\"text\":\"hi\",\"model\":7}").statusCode())
                    .isEqualTo(400);
            assertThat(post("/api/conversations/x/messages", local, "text/plain", "{\"text\":\"hi\"}").statusCode())
                    .isEqualTo(415);
            assertThat(post("/api/conversations/-bad/messages", local, "{\"text\":\"hi\"}").statusCode())
                    .isEqualTo(400);
            assertThat(post("/api/conversations/a%0Ab/messages", local, "{\"text\":\"hi\"}").statusCode())
                    .isEqualTo(400);
            String big = "{\"text\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
            assertThat(post("/api/conversations/x/messages", local, big).statusCode()).isEqualTo(413);
            assertThat(model.served()).isEqualTo(before);
        }
    }

    @Nested
    class TheCli {
        record Ran(int code, String out, String err) {
        }

        Ran cli(String input, String... args) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Map<String, String> environment = new java.util.HashMap<>(TestServers.env(home, plugins));
            environment.putAll(env());
            Cli cli = new Cli(new BufferedReader(new StringReader(input)), new PrintStream(out, true,
                    StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    (Optional<Path> explicit) -> ConfigLoader.builder().workingDir(home).environment(environment)
                            .build());
            int code = cli.run(args);
            return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }

        @Test
        void run_beside_the_server_runs_its_turn_there_and_continue_continues() throws Exception {
            model.enqueue(Reply.text("First answer"));
            Ran first = cli("", "run", "--session", "cli:beside", "remember blue");
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("First answer\n");
            assertThat(first.err()).contains("(1 step");
            model.enqueue(Reply.text("Second answer"));
            Ran second = cli("", "run", "--session", "cli:beside", "what colour?");
            assertThat(second.code()).isZero();
            assertThat(Json.write(new dev.jclaw.api.json.JsonArray(List.copyOf(model.requests().getLast()
                    .messages())))).contains("remember blue").contains("what colour?");
        }

        @Test
        void run_without_a_terminal_exits_3_when_a_call_needs_approval() throws Exception {
            model.enqueue(Reply.toolCalls().call("c1", "note", "{}"));
            Ran ran = cli("", "run", "--json", "--session", "cli:approve", "note it");
            assertThat(ran.code()).as(ran.err()).isEqualTo(Cli.EXIT_NEEDS_APPROVAL);
            assertThat(ran.err()).contains("note needs approval and there is no terminal to ask");
            assertThat(ran.out()).contains("\"type\":\"approval_requested\"");
            assertThat(model.unusedReplies()).isZero();
        }

        @Test
        void run_with_a_slash_command_answers_it_from_the_server() {
            Ran ran = cli("", "run", "/status");
            assertThat(ran.code()).as(ran.err()).isZero();
            assertThat(ran.out()).isNotBlank();
        }

        @Test
        void a_bad_url_is_one_sentence_and_exit_1() {
            Ran ran = cli("", "run", "--url", "ftp://nowhere", "hi");
            assertThat(ran.code()).isEqualTo(1);
            assertThat(ran.err()).startsWith("jclaw: 'ftp://nowhere' is not a server address").hasLineCount(1);
        }

        @Test
        void chat_beside_the_server_streams_answers_and_runs_commands() throws Exception {
            model.enqueue(Reply.text("Chatting"));
            Ran ran = cli("hello\n/status\n/exit\n", "chat", "--session", "cli:chatting", "--workspace",
                    home.resolve("chat-ws").toString());
            assertThat(ran.code()).as(ran.err()).isZero();
            assertThat(ran.out()).contains("Chatting");
            // beside the server on its home, the terminal's own workspace, as in-process
            Path ws = home.toRealPath().resolve("chat-ws");
            assertThat(ran.err()).contains("JClaw chat - session cli:chatting, workspace " + ws + ".")
                    .contains("workspace:    " + ws);
        }
    }
}
