package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.json.JsonValue;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code /api/memory} over a real socket, on a server with memory on (the real H2 store, Lucene index and the shipped
 * embedding model): each user reaches only their own namespace, the one their turns recall from; an administrator
 * may name any; bad, oversized and hostile input is a clear 4xx that changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryRoutesTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String ADMIN = "memory-routes-admin-token-0123456789";
    FakeModelServer model;
    Path home;
    JClawServer server;
    String url;
    String local;
    String alice;
    String bob;
    String olive;
    String carol;

    @BeforeAll
    void start() throws Exception {
        model = FakeModelServer.start();
        model.otherwise(body -> Reply.text("ok"));
        home = Files.createTempDirectory("jclaw-memory-routes");
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        server = TestServers.start(TestServers.config(home, plugins, Map.of("JCLAW_SANDBOX_ENABLED", "false",
                "OPENAI_BASE_URL", model.baseUrl(), "JCLAW_MODEL", "fake-1", "JCLAW_ADMIN_TOKEN", ADMIN))).server();
        url = server.url();
        local = RuntimeFile.read(home.resolve("data")).orElseThrow().token();
        Actor operator = new Actor("cli:test", "cli", "");
        Map<String, String> keys = new java.util.HashMap<>();
        for (String user : List.of("alice", "bob", "olive", "carol")) {
            server.auth().accounts().add(new UserId(user), false, Tier.APPROVAL, user + "'s long password", operator);
            keys.put(user, server.auth().accounts().createKey(new UserId(user), "test", operator).secret());
        }
        alice = keys.get("alice");
        bob = keys.get("bob");
        olive = keys.get("olive"); // the owner's own tests: a namespace no other test writes
        carol = keys.get("carol"); // bad input
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

    HttpResponse<String> send(String method, String path, String token, String type, String body) throws Exception {
        return ApiRequests.send(url, method, path, token, type, body);
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send("GET", path, token, null, null);
    }

    HttpResponse<String> add(String token, String body) throws Exception {
        return send("POST", "/api/memory", token, "application/json", body);
    }

    JsonObject added(String token, String text) throws Exception {
        HttpResponse<String> res = add(token, Json.write(JsonObject.builder().put("content", text).build()));
        assertThat(res.statusCode()).as(res.body()).isIn(200, 201);
        return Json.parseObject(res.body());
    }

    static List<JsonObject> entries(HttpResponse<String> res) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return Json.parseObject(res.body()).optArray("entries").orElseThrow().elements().stream()
                .map(JsonObject.class::cast).toList();
    }

    /** @return the entries' namespaces: a search finds the nearest memories, but only ever the caller's */
    static List<String> namespaces(HttpResponse<String> res) {
        return entries(res).stream().map(e -> e.string("namespace")).distinct().toList();
    }

    static String error(HttpResponse<String> res) {
        return Json.parseObject(res.body()).string("error");
    }

    static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Nested
    class TheOwner {
        @Test
        void adds_lists_searches_counts_merges_splits_and_forgets_in_their_own_namespace() throws Exception {
            HttpResponse<String> stored = add(olive, "{\"content\": \"Daniel is the account owner for PagerDuty\","
                    + " \"type\": \"contact\"}");
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
            JsonObject first = Json.parseObject(stored.body());
            assertThat(first.string("outcome")).isEqualTo("stored");
            assertThat(first.string("namespace")).isEqualTo("user:olive");
            JsonObject entry = (JsonObject) first.optArray("entries").orElseThrow().get(0);
            assertThat(entry.string("layer")).isEqualTo("L2");
            assertThat(entry.string("type")).isEqualTo("contact");
            assertThat(entry.string("status")).isEqualTo("active");
            assertThat(entry.string("short_id")).hasSize(8);

            assertThat(added(olive, "Daniel is the account owner for PagerDuty").string("outcome"))
                    .isEqualTo("already_known");
            JsonObject merged = added(olive, "The account owner for PagerDuty is Daniel");
            assertThat(merged.string("outcome")).isEqualTo("merged");
            List<JsonValue> pair = merged.optArray("entries").orElseThrow().elements();
            String absorbed = ((JsonObject) pair.get(1)).string("short_id");
            assertThat(((JsonObject) pair.get(1)).string("merged_into")).isEqualTo(entry.string("id"));

            assertThat(entries(get("/api/memory", olive))).singleElement()
                    .satisfies(e -> assertThat(e.string("id")).isEqualTo(entry.string("id")));
            assertThat(entries(get("/api/memory?all=true", olive))).hasSize(2);
            assertThat(entries(get("/api/memory?q=" + q("who owns PagerDuty") + "&layer=L2&limit=5", olive)))
                    .first().satisfies(e -> {
                        assertThat(e.string("id")).isEqualTo(entry.string("id"));
                        assertThat(e.get("score")).isPresent();
                    });
            JsonObject stats = Json.parseObject(get("/api/memory/stats", olive).body());
            assertThat(stats.optLong("facts")).contains(1L);
            assertThat(stats.optLong("merged")).contains(1L);
            assertThat(stats.string("namespace")).isEqualTo("user:olive");

            HttpResponse<String> split = send("POST", "/api/memory/" + absorbed + "/split", olive,
                    "application/json", "{}");
            assertThat(split.statusCode()).as(split.body()).isEqualTo(200);
            assertThat(entries(split)).singleElement().satisfies(e -> assertThat(e.string("status"))
                    .isEqualTo("active"));
            assertThat(send("POST", "/api/memory/" + absorbed + "/split", olive, "application/json", "{}")
                    .statusCode()).as("nothing merged any more").isEqualTo(409);

            HttpResponse<String> forgot = send("DELETE", "/api/memory/" + absorbed + "?reason=" + q("duplicate"),
                    olive, null, null);
            assertThat(forgot.statusCode()).as(forgot.body()).isEqualTo(200);
            assertThat(entries(forgot)).singleElement().satisfies(e -> {
                assertThat(e.string("status")).isEqualTo("archived");
                assertThat(e.string("archive_reason")).isEqualTo("duplicate");
            });
            assertThat(send("DELETE", "/api/memory/" + absorbed + "?reason=again", olive, null, null).statusCode())
                    .as("already forgotten").isEqualTo(409);
            assertThat(entries(get("/api/memory", olive))).hasSize(1);
        }

        @Test
        void the_local_terminal_token_reaches_the_admins_namespace() throws Exception {
            assertThat(added(local, "the terminal's own note about vpn-2").string("namespace"))
                    .isEqualTo("user:admin");
            assertThat(entries(get("/api/memory?q=vpn-2", local))).isNotEmpty();
            assertThat(namespaces(get("/api/memory?q=vpn-2", alice))).doesNotContain("user:admin");
        }
    }

    @Nested
    class OtherUsers {
        @Test
        void cannot_read_forget_or_split_another_users_memory_and_get_404() throws Exception {
            JsonObject mine = added(alice, "alice keeps the deploy key in vault path secret/deploy");
            String id = ((JsonObject) mine.optArray("entries").orElseThrow().get(0)).string("short_id");
            assertThat(namespaces(get("/api/memory?q=" + q("deploy key vault"), bob))).doesNotContain("user:alice");
            HttpResponse<String> named = get("/api/memory?namespace=user:alice", bob);
            assertThat(named.statusCode()).isEqualTo(404);
            assertThat(error(named)).contains("user:bob");
            assertThat(get("/api/memory/stats?namespace=user:alice", bob).statusCode()).isEqualTo(404);
            assertThat(add(bob, "{\"content\": \"planted\"}").statusCode()).isEqualTo(201);
            assertThat(send("POST", "/api/memory?namespace=user:alice", bob, "application/json",
                    "{\"content\": \"planted in alice\"}").statusCode()).isEqualTo(404);
            assertThat(send("DELETE", "/api/memory/" + id + "?reason=mine", bob, null, null).statusCode())
                    .isEqualTo(404);
            assertThat(send("POST", "/api/memory/" + id + "/split", bob, "application/json", "{}").statusCode())
                    .isEqualTo(404);
            assertThat(entries(get("/api/memory?q=" + q("deploy key vault"), alice))).isNotEmpty();
            assertThat(entries(get("/api/memory?all=true&limit=1000", alice)))
                    .noneMatch(e -> e.string("content").contains("planted"));
        }

        @Test
        void an_admin_names_any_namespace_and_only_an_admin_rebuilds_the_index() throws Exception {
            added(alice, "alice prefers the blue dashboard theme");
            assertThat(entries(get("/api/memory?namespace=user:alice&q=" + q("blue dashboard"), ADMIN)))
                    .isNotEmpty();
            assertThat(send("POST", "/api/memory?namespace=" + q("cli:legacy-user"), local, "application/json",
                    "{\"content\": \"an old terminal namespace stays reachable\"}").statusCode()).isEqualTo(201);
            assertThat(entries(get("/api/memory?namespace=" + q("cli:legacy-user"), ADMIN))).hasSize(1);
            HttpResponse<String> refused = send("POST", "/api/memory/reindex", bob, "application/json", "{}");
            assertThat(refused.statusCode()).isEqualTo(403);
            HttpResponse<String> reindexed = send("POST", "/api/memory/reindex", ADMIN, "application/json", "{}");
            assertThat(reindexed.statusCode()).as(reindexed.body()).isEqualTo(200);
            assertThat(Json.parseObject(reindexed.body()).optLong("reindexed").orElseThrow()).isPositive();
            assertThat(entries(get("/api/memory?namespace=user:alice&q=" + q("blue dashboard"), ADMIN)))
                    .isNotEmpty();
            // an administrator in someone else's namespace, and every rebuild, is in the audit log; bob's refused
            // rebuild and alice's own requests are not
            List<dev.jclaw.core.identity.AuditEntry> actions = server.auth().identity().audit().query(
                    new dev.jclaw.core.identity.AuditQuery(Optional.empty(),
                            Optional.of(dev.jclaw.core.identity.AuditKind.ADMIN_ACTION), Optional.empty(), 1000));
            assertThat(actions).extracting(a -> a.detail().string("action") + " " + a.subject())
                    .contains("memory.find user:alice", "memory.add cli:legacy-user", "memory.find cli:legacy-user",
                            "memory.reindex user:admin")
                    .noneMatch(line -> line.contains("user:bob"));
            assertThat(actions).allSatisfy(a -> assertThat(a.actor()).isIn("admin", Actor.terminal().name()));
        }

        @Test
        void a_missing_or_wrong_token_gets_401_json() throws Exception {
            for (String token : new String[] {null, "jck_not-a-key", local + "0"}) {
                HttpResponse<String> res = get("/api/memory", token);
                assertThat(res.statusCode()).isEqualTo(401);
                assertThat(res.headers().firstValue("WWW-Authenticate")).isPresent();
                assertThat(error(res)).isNotBlank();
            }
        }
    }

    @Nested
    class Turns {
        @Test
        void a_turn_recalls_what_its_user_added_through_the_api_and_never_another_users() throws Exception {
            added(alice, "The staging database is pg-stage-7.internal");
            model.enqueue(Reply.text("pg-stage-7"));
            HttpResponse<String> turn = send("POST", "/api/conversations/recall/messages", alice,
                    "application/json", "{\"text\": \"which staging database do we use?\"}");
            assertThat(turn.statusCode()).isEqualTo(200);
            assertThat(Json.write(model.requests().getLast().body())).contains("pg-stage-7.internal");

            model.enqueue(Reply.text("no idea"));
            HttpResponse<String> other = send("POST", "/api/conversations/recall/messages", bob,
                    "application/json", "{\"text\": \"which staging database do we use?\"}");
            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(Json.write(model.requests().getLast().body())).doesNotContain("pg-stage-7");
        }

        @Test
        void health_says_memory_is_open_once_used() throws Exception {
            get("/api/memory/stats", alice);
            JsonObject ready = Json.parseObject(get("/health/ready", null).body());
            assertThat(ready.optObject("memory").orElseThrow().string("status")).isEqualTo("open");
        }
    }

    @Nested
    class BadInput {
        @Test
        void malformed_mistyped_oversized_and_unknown_input_is_a_clear_4xx_and_stores_nothing() throws Exception {
            long before = Json.parseObject(get("/api/memory/stats", carol).body()).optLong("facts").orElseThrow();
            record Case(HttpResponse<String> res, int status) {
            }
            List<Case> cases = List.of(
                    new Case(add(carol, "{not json"), 400),
                    new Case(add(carol, "[1]"), 400),
                    new Case(add(carol, ""), 400),
                    new Case(add(carol, "{\"content\": 42}"), 400),
                    new Case(add(carol, "{\"content\": \"x\", \"layer\": 7}"), 400),
                    new Case(add(carol, "{\"content\": \"x\", \"type\": [1]}"), 400),
                    new Case(add(carol, "{\"content\": \"x\", \"layer\": \"L9\"}"), 400),
                    new Case(add(carol, "{\"content\": \"x\", \"layer\": \"L4\"}"), 400),
                    new Case(add(carol, "{\"content\": \"   \"}"), 400),
                    new Case(add(carol, "{\"content\": \"x\", \"type\": \"" + "t".repeat(41) + "\"}"), 400),
                    new Case(add(carol, "{\"content\": \"" + "x".repeat(9_000) + "\"}"), 400),
                    new Case(add(carol, "{\"content\": \"" + "x".repeat(70_000) + "\"}"), 413),
                    new Case(send("POST", "/api/memory", carol, "text/plain", "{\"content\": \"x\"}"), 415),
                    new Case(send("POST", "/api/memory", carol, "application/json",
                            "{\"content\": \"\\ud800 broken\"}"), 400),
                    new Case(get("/api/memory?layer=L9", carol), 400),
                    new Case(get("/api/memory?limit=0", carol), 400),
                    new Case(get("/api/memory?limit=abc", carol), 400),
                    new Case(get("/api/memory?limit=99999999999", carol), 400),
                    new Case(get("/api/memory?all=maybe", carol), 400),
                    new Case(get("/api/memory?q=%20", carol), 400),
                    new Case(get("/api/memory?q=" + "w".repeat(2_001), carol), 400),
                    new Case(send("DELETE", "/api/memory/abcd1234", carol, null, null), 400));
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                assertThat(c.res().statusCode()).as("case %d: %s", i, c.res().body()).isEqualTo(c.status());
                assertThat(error(c.res())).as("case %d", i).isNotBlank().doesNotContain("Exception")
                        .doesNotContain("\tat ");
            }
            assertThat(Json.parseObject(get("/api/memory/stats", carol).body()).optLong("facts").orElseThrow())
                    .isEqualTo(before);
        }

        @Test
        void hostile_namespaces_and_ids_are_refused_without_touching_anyones_memory() throws Exception {
            String before = get("/api/memory?all=true&namespace=user:alice", ADMIN).body();
            for (String ns : List.of("no colon", "user:alice\nx", "user:" + "a".repeat(300), "../../etc/passwd",
                    "USER:alice", "", "user:alice\u2028")) {
                HttpResponse<String> admin = get("/api/memory?namespace=" + q(ns), ADMIN);
                assertThat(admin.statusCode()).as(ns).isEqualTo(400);
                HttpResponse<String> user = get("/api/memory?namespace=" + q(ns), carol);
                assertThat(user.statusCode()).as(ns).isIn(400, 404);
            }
            assertThat(get("/api/memory?namespace=" + q("user:alice\u202e"), carol).statusCode()).isEqualTo(404);
            assertThat(get("/api/memory?namespace=user:bob&namespace=user:alice", carol).statusCode()).isEqualTo(400);
            for (String id : List.of("'; DROP TABLE memories; --", "%", "_", "../../etc/passwd", "x".repeat(500),
                    "deadbeef")) {
                HttpResponse<String> forget = send("DELETE", "/api/memory/" + q(id).replace("+", "%20")
                        + "?reason=x", ADMIN, null, null);
                assertThat(forget.statusCode()).as(id).isIn(400, 404);
                HttpResponse<String> split = send("POST", "/api/memory/" + q(id).replace("+", "%20") + "/split",
                        ADMIN, "application/json", "{}");
                assertThat(split.statusCode()).as(id).isIn(400, 404);
            }
            assertThat(get("/api/memory?all=true&namespace=user:alice", ADMIN).body()).isEqualTo(before);
        }
    }
}
