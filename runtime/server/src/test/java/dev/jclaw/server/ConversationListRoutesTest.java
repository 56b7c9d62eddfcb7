package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Listing, reading, renaming and deleting conversations over a real socket: the owner's own, another user's as 404,
 * an administrator's view with {@code ?user=} (audited), and hostile names, bodies and parameters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversationListRoutesTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    FakeModelServer model;
    Path home;
    JClawServer server;
    String url;
    String local;
    String root;

    @BeforeAll
    void start() throws Exception {
        model = FakeModelServer.start();
        model.otherwise(body -> Reply.text("an answer"));
        home = Files.createTempDirectory("jclaw-conversation-list");
        server = TestServers.start(TestServers.config(home, Files.createDirectories(home.resolve("plugins")),
                Map.of("JCLAW_SANDBOX_ENABLED", "false", "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL",
                        "fake-1"))).server();
        url = server.url();
        local = RuntimeFile.read(home.resolve("data")).orElseThrow().token();
        root = user("root", true);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
        model.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Adds a user with a fresh name and returns their API key; the name is the key's {@code user} in the list. */
    String user(String name, boolean admin) {
        Actor operator = new Actor("cli:test", "cli", "");
        server.auth().accounts().add(new UserId(name), admin, Tier.YOLO, name + "'s long password", operator);
        return server.auth().accounts().createKey(new UserId(name), "test", operator).secret();
    }

    record Someone(String name, String key) {
    }

    Someone someone() {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        return new Someone(name, user(name, false));
    }

    HttpResponse<String> send(String method, String path, String token, String type, String body) throws Exception {
        return ApiRequests.send(url, method, path, token, type, body);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    HttpResponse<String> patch(String path, String token, String body) throws Exception {
        return send("PATCH", path, token, "application/json", body);
    }

    HttpResponse<String> delete(String path, String token) throws Exception {
        return send("DELETE", path, token, null, null);
    }

    /** Runs one turn at an address, so that the conversation exists with two messages. */
    void say(String address, String token, String text) throws Exception {
        HttpResponse<String> res = send("POST", "/api/conversations/" + address + "/messages", token,
                "application/json", Json.write(JsonObject.builder().put("text", text).build()));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        assertThat(res.body()).contains("\"type\":\"done\"");
    }

    static JsonObject json(HttpResponse<String> res) {
        return Json.parseObject(res.body());
    }

    static List<JsonObject> conversations(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return json(res).optArray("conversations").orElseThrow().elements().stream().map(JsonObject.class::cast)
                .toList();
    }

    static List<JsonObject> messages(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return json(res).optArray("messages").orElseThrow().elements().stream().map(JsonObject.class::cast).toList();
    }

    List<AuditEntry> adminActions() {
        return server.auth().identity().audit().query(new AuditQuery(Optional.empty(),
                Optional.of(AuditKind.ADMIN_ACTION), Optional.empty(), 1000));
    }

    @Nested
    class TheOwner {
        @Test
        void lists_their_conversations_newest_first_by_channel_and_with_a_limit() throws Exception {
            Someone alice = someone();
            say("web:chat-1", alice.key(), "first");
            say("notes", alice.key(), "second");
            List<JsonObject> all = conversations(get("/api/conversations", alice.key()));
            assertThat(all).extracting(c -> c.string("address")).containsExactly("cli:notes", "web:chat-1");
            JsonObject web = all.getLast();
            assertThat(web.string("channel")).isEqualTo("web");
            assertThat(web.string("name")).isEqualTo("chat-1");
            assertThat(web.string("owner")).isEqualTo(alice.name());
            assertThat(web.get("title")).hasValue(dev.jclaw.api.json.JsonNull.INSTANCE);
            assertThat(web.optBoolean("current")).contains(true);
            assertThat(java.time.Instant.parse(web.string("updated")))
                    .isAfter(java.time.Instant.parse(web.string("created")));
            assertThat(conversations(get("/api/conversations?channel=web", alice.key()))).hasSize(1);
            assertThat(conversations(get("/api/conversations?limit=1", alice.key())))
                    .extracting(c -> c.string("address")).containsExactly("cli:notes");
            assertThat(json(get("/api/conversations?user=" + alice.name(), alice.key())).string("user"))
                    .isEqualTo(alice.name());
        }

        @Test
        void reads_the_history_in_pages_each_message_with_its_position() throws Exception {
            Someone alice = someone();
            for (String text : List.of("one", "two", "three")) {
                say("web:paged", alice.key(), text);
            }
            HttpResponse<String> last = get("/api/conversations/web:paged/history?limit=4", alice.key());
            assertThat(messages(last)).extracting(m -> m.optLong("seq").orElseThrow()).containsExactly(2L, 3L, 4L, 5L);
            assertThat(messages(last)).extracting(m -> m.string("role"))
                    .containsExactly("user", "assistant", "user", "assistant");
            assertThat(json(last).optLong("total")).contains(6L);
            assertThat(json(last).optBoolean("more")).contains(true);
            HttpResponse<String> first = get("/api/conversations/web%3Apaged/history?before=2&limit=4", alice.key());
            assertThat(messages(first)).extracting(m -> m.string("text")).containsExactly("one", "an answer");
            assertThat(json(first).optBoolean("more")).contains(false);
            assertThat(messages(get("/api/conversations/web:paged/history?before=0", alice.key()))).isEmpty();
            assertThat(messages(get("/api/conversations/web:paged/history?before=999", alice.key()))).hasSize(6);
        }

        @Test
        void reaches_an_earlier_conversation_of_an_address_by_its_id() throws Exception {
            Someone alice = someone();
            say("web:rotating", alice.key(), "before new");
            HttpResponse<String> rotated = send("POST", "/api/conversations/web:rotating/commands", alice.key(),
                    "application/json", "{\"line\": \"/new\"}");
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            assertThat(json(rotated).optString("reply").orElse(rotated.body())).startsWith("new conversation");
            say("web:rotating", alice.key(), "after new");
            List<JsonObject> at = conversations(get("/api/conversations/web:rotating", alice.key()));
            assertThat(at).extracting(c -> c.optBoolean("current").orElseThrow()).containsExactly(true, false);
            String earlier = at.getLast().string("id");
            assertThat(messages(get("/api/conversations/web:rotating/history?id=" + earlier, alice.key())))
                    .extracting(m -> m.string("text")).startsWith("before new");
            assertThat(messages(get("/api/conversations/web:rotating/history", alice.key())))
                    .extracting(m -> m.string("text")).startsWith("after new");
            assertThat(get("/api/conversations/web:never-used", alice.key()).statusCode()).isEqualTo(404);
        }

        @Test
        void renames_and_deletes_and_a_deleted_conversation_is_gone() throws Exception {
            Someone alice = someone();
            say("web:doomed", alice.key(), "hello");
            HttpResponse<String> renamed = patch("/api/conversations/web:doomed", alice.key(),
                    "{\"title\": \"  Trip to 北京  \"}");
            assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
            assertThat(json(renamed).string("title")).isEqualTo("Trip to 北京");
            assertThat(conversations(get("/api/conversations", alice.key())).getFirst().string("title"))
                    .isEqualTo("Trip to 北京");
            HttpResponse<String> deleted = delete("/api/conversations/web:doomed", alice.key());
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
            assertThat(json(deleted).string("deleted")).isEqualTo(json(renamed).string("id"));
            assertThat(get("/api/conversations/web:doomed/history", alice.key()).statusCode()).isEqualTo(404);
            assertThat(delete("/api/conversations/web:doomed", alice.key()).statusCode()).isEqualTo(404);
            assertThat(conversations(get("/api/conversations", alice.key()))).isEmpty();
            assertThat(adminActions()).noneMatch(e -> e.subject().equals(alice.name()));
        }
    }

    @Nested
    class AnotherUser {
        @Test
        void cannot_name_read_rename_or_delete_someone_elses_conversation() throws Exception {
            Someone alice = someone();
            Someone bob = someone();
            say("web:private", alice.key(), "my secret");
            String id = conversations(get("/api/conversations", alice.key())).getFirst().string("id");
            for (String path : List.of("/api/conversations/web:private", "/api/conversations/web:private/history",
                    "/api/conversations/web:private/history?id=" + id, "/api/conversations/web:other?id=" + id)) {
                HttpResponse<String> res = get(path, bob.key());
                assertThat(res.statusCode()).as(path).isEqualTo(404);
                assertThat(res.body()).doesNotContain("my secret");
            }
            assertThat(patch("/api/conversations/web:private?id=" + id, bob.key(), "{\"title\": \"mine\"}")
                    .statusCode()).isEqualTo(404);
            assertThat(delete("/api/conversations/web:private?id=" + id, bob.key()).statusCode()).isEqualTo(404);
            assertThat(delete("/api/conversations/web:private", bob.key()).statusCode()).isEqualTo(404);
            assertThat(conversations(get("/api/conversations", bob.key()))).as("looking created nothing").isEmpty();
            assertThat(messages(get("/api/conversations/web:private/history", alice.key())))
                    .extracting(m -> m.string("text")).contains("my secret");
            assertThat(conversations(get("/api/conversations", alice.key())).getFirst().get("title"))
                    .hasValue(dev.jclaw.api.json.JsonNull.INSTANCE);
        }

        @Test
        void naming_another_user_is_403_whether_or_not_they_exist() throws Exception {
            Someone alice = someone();
            Someone bob = someone();
            say("web:x", alice.key(), "hi");
            for (String owner : List.of(alice.name(), "nobody-at-all")) {
                for (String path : List.of("/api/conversations?user=" + owner,
                        "/api/conversations/web:x/history?user=" + owner, "/api/conversations/web:x?user=" + owner)) {
                    HttpResponse<String> res = get(path, bob.key());
                    assertThat(res.statusCode()).as(path).isEqualTo(403);
                    assertThat(json(res).string("error")).isEqualTo("another user's conversations are for"
                            + " administrators");
                }
                assertThat(delete("/api/conversations/web:x?user=" + owner, bob.key()).statusCode()).isEqualTo(403);
            }
            assertThat(messages(get("/api/conversations/web:x/history", alice.key()))).hasSize(2);
        }
    }

    @Nested
    class Administrators {
        @Test
        void see_and_delete_another_users_conversations_audited_as_admin_actions() throws Exception {
            Someone alice = someone();
            say("web:watched", alice.key(), "look at me");
            assertThat(conversations(get("/api/conversations?user=" + alice.name(), root)))
                    .extracting(c -> c.string("owner")).containsExactly(alice.name());
            assertThat(messages(get("/api/conversations/web:watched/history?user=" + alice.name(), root)))
                    .extracting(m -> m.string("text")).contains("look at me");
            assertThat(patch("/api/conversations/web:watched?user=" + alice.name(), root, "{\"title\": \"Seen\"}")
                    .statusCode()).isEqualTo(200);
            assertThat(delete("/api/conversations/web:watched?user=" + alice.name(), root).statusCode())
                    .isEqualTo(200);
            assertThat(conversations(get("/api/conversations", alice.key()))).isEmpty();
            List<AuditEntry> audited = adminActions().stream().filter(e -> e.subject().equals(alice.name()))
                    .toList();
            assertThat(audited).extracting(e -> e.detail().string("action")).containsExactly(
                    "conversation.delete", "conversation.rename", "conversation.history", "conversations.list");
            assertThat(audited).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo("root");
                assertThat(e.channel()).isEqualTo("http");
                assertThat(e.address()).isNotEmpty();
            });
            assertThat(audited.getFirst().detail().string("address")).isEqualTo("web:watched");
        }

        @Test
        void the_local_token_is_the_terminals_administrator_named_as_the_operator() throws Exception {
            Someone alice = someone();
            say("web:local", alice.key(), "hi");
            assertThat(conversations(get("/api/conversations?user=" + alice.name(), local))).hasSize(1);
            AuditEntry entry = adminActions().stream().filter(e -> e.subject().equals(alice.name())).findFirst()
                    .orElseThrow();
            assertThat(entry.actor()).startsWith("cli");
            assertThat(entry.channel()).isEqualTo("cli");
            assertThat(get("/api/conversations/web:local/history?user=" + alice.name(), local).statusCode())
                    .isEqualTo(200);
        }
    }

    @Nested
    class HostileRequests {
        @Test
        void bad_addresses_are_a_4xx_and_create_nothing() throws Exception {
            Someone eve = someone();
            long served = model.served();
            List<String> bad = List.of("-bad", "a%0Ab", "a%00b", "a%2Fb", "..", "%2E%2E", "web:", ":x", "Web:x",
                    "web:a:b", "a%20b", "%2541", "%C3%28", "a".repeat(97), "web:" + "a".repeat(10_000),
                    "x".repeat(33) + ":a", "%E4%B8%AD");
            for (String address : bad) {
                for (String path : List.of("/api/conversations/" + address,
                        "/api/conversations/" + address + "/history")) {
                    try (RawHttp raw = RawHttp.connect(url)) {
                        RawHttp.Response res = raw.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization:"
                                + " Bearer " + eve.key() + "\r\nConnection: close\r\n\r\n").read();
                        assertThat(res.status()).as(path.length() > 80 ? path.substring(0, 80) : path)
                                .isBetween(400, 499);
                        assertThat(res.body()).doesNotContain("Exception");
                    }
                }
                HttpResponse<String> post = send("POST", "/api/conversations/" + address + "/messages", eve.key(),
                        "application/json", "{\"text\": \"hi\"}");
                assertThat(post.statusCode()).as(address).isBetween(400, 499);
            }
            try (RawHttp raw = RawHttp.connect(url)) {
                assertThat(raw.send("GET /api/conversations/a%zz/history HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + eve.key() + "\r\nConnection: close\r\n\r\n").read().status())
                        .isEqualTo(400);
            }
            assertThat(conversations(get("/api/conversations", eve.key()))).isEmpty();
            assertThat(model.served()).isEqualTo(served);
        }

        @Test
        void bad_bodies_are_a_4xx_and_change_nothing() throws Exception {
            Someone eve = someone();
            say("web:titled", eve.key(), "hi");
            String path = "/api/conversations/web:titled";
            for (String body : List.of("{not json", "[1]", "\"title\"", "{}", "{\"title\": 42}", "{\"title\": null}",
                    "{\"title\": [\"a\"]}", "{\"title\": \"\"}", "{\"title\": \"   \"}", "{\"title\": \"a\\nb\"}",
                    "{\"title\": \"a\\u0000b\"}", "{\"title\": \"" + "t".repeat(201) + "\"}")) {
                HttpResponse<String> res = patch(path, eve.key(), body);
                assertThat(res.statusCode()).as(body).isEqualTo(400);
                assertThat(json(res).string("error")).as(body).isNotBlank().doesNotContain("Exception");
            }
            assertThat(send("PATCH", path, eve.key(), "text/plain", "{\"title\": \"x\"}").statusCode()).isEqualTo(415);
            assertThat(patch(path, eve.key(), "{\"title\": \"" + "t".repeat(20_000) + "\"}").statusCode())
                    .isEqualTo(413);
            assertThat(conversations(get("/api/conversations", eve.key())).getFirst().get("title"))
                    .hasValue(dev.jclaw.api.json.JsonNull.INSTANCE);
        }

        @Test
        void bad_parameters_are_400_naming_the_parameter() throws Exception {
            Someone eve = someone();
            say("web:params", eve.key(), "hi");
            for (String query : List.of("/api/conversations?limit=0", "/api/conversations?limit=1001",
                    "/api/conversations?limit=-1", "/api/conversations?limit=abc", "/api/conversations?limit=1e3",
                    "/api/conversations?limit=99999999999", "/api/conversations?limit=",
                    "/api/conversations?channel=Web", "/api/conversations?channel=a%2Fb",
                    "/api/conversations?user=Bad%20Name", "/api/conversations?user=",
                    "/api/conversations/web:params/history?before=-1", "/api/conversations/web:params/history?before=x",
                    "/api/conversations/web:params/history?limit=0", "/api/conversations/web:params/history?id=..%2Fx",
                    "/api/conversations/web:params/history?id=" + "a".repeat(65))) {
                HttpResponse<String> res = get(query, eve.key());
                assertThat(res.statusCode()).as(query).isEqualTo(400);
                assertThat(json(res).string("error")).as(query).doesNotContain("Exception");
            }
            assertThat(json(get("/api/conversations?limit=abc", eve.key())).string("error")).contains("limit");
            HttpResponse<String> unknown = get("/api/conversations/web:params/history?id=AAAAAAAAAAAAAAAAAAAAAA",
                    eve.key());
            assertThat(unknown.statusCode()).isEqualTo(404);
        }

        @Test
        void no_or_a_wrong_credential_is_401() throws Exception {
            for (String token : new String[] {null, "jck_wrong", local + "x"}) {
                HttpResponse<String> res = get("/api/conversations", token);
                assertThat(res.statusCode()).isEqualTo(401);
                assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
            }
        }
    }
}
