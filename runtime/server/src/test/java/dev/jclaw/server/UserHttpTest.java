package dev.jclaw.server;

import static dev.jclaw.server.JClawServerTest.get;
import static dev.jclaw.server.JClawServerTest.tokenIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.server.auth.Actor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Users and API keys managed over HTTP against a started server: administrators for users, each user for keys. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserHttpTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    JClawServer server;
    String url;
    String admin;
    String maria;

    @BeforeAll
    void start() throws Exception {
        Path home = Files.createTempDirectory("jclaw-user-http");
        TestServers.Started started = TestServers.start(TestServers.config(home, home.resolve("plugins"),
                Map.of("JCLAW_SANDBOX_ENABLED", "false")));
        server = started.server();
        url = server.url();
        admin = tokenIn(started.output());
        server.auth().accounts().add(new UserId("maria"), false, Tier.APPROVAL, "maria's password", new Actor(
                "cli:test", "cli", ""));
        maria = server.auth().accounts().createKey(new UserId("maria"), "laptop", new Actor("cli:test", "cli", ""))
                .secret();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_administrator_adds_changes_lists_and_removes_users_audited_as_the_caller() throws Exception {
        HttpResponse<String> added = send("POST", "/api/users",
                "{\"user\": \"nico\", \"password\": \"nico's password\", \"tier\": \"read-only\"}", admin);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(Json.parseObject(added.body()).string("tier")).isEqualTo("read-only");
        assertThat(send("POST", "/api/users", "{\"user\": \"nico\", \"password\": \"another one\"}", admin)
                .statusCode()).isEqualTo(409);
        HttpResponse<String> changed = send("PATCH", "/api/users/nico", "{\"tier\": \"yolo\", \"disabled\": true}",
                admin);
        assertThat(Json.parseObject(changed.body())).satisfies(u -> {
            assertThat(u.string("tier")).isEqualTo("yolo");
            assertThat(u.optBoolean("disabled")).contains(true);
        });
        assertThat(get(url + "/api/users", admin).body()).contains("\"nico\"", "\"maria\"").doesNotContain("argon");
        assertThat(send("DELETE", "/api/users/nico", null, admin).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/users/nico", null, admin).statusCode()).isEqualTo(404);
        List<AuditEntry> entries = server.auth().identity().audit().query(new AuditQuery(
                java.util.Optional.of("nico"), java.util.Optional.empty(), java.util.Optional.empty(), 10));
        assertThat(entries).extracting(AuditEntry::actor).containsOnly("admin");
        assertThat(entries).extracting(AuditEntry::channel).containsOnly("http");
        assertThat(entries).extracting(AuditEntry::address).containsOnly("127.0.0.1");
    }

    @Test
    void refuses_users_management_to_non_administrators_and_bad_bodies_with_a_4xx() throws Exception {
        assertThat(get(url + "/api/users", maria).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/users", "{\"user\": \"x1\", \"password\": \"long enough\"}", maria)
                .statusCode()).isEqualTo(403);
        assertThat(get(url + "/api/users", null).statusCode()).isEqualTo(401);
        for (String bad : List.of("{\"user\": \"Bad Name\", \"password\": \"long enough\"}",
                "{\"user\": \"x2\", \"password\": \"short\"}", "{\"user\": \"x3\", \"password\": 12345678}",
                "{\"user\": \"x4\", \"password\": \"long enough\", \"tier\": \"root\"}", "{\"user\": ",
                "{\"user\": \"admin\", \"password\": \"long enough\"}")) {
            HttpResponse<String> r = send("POST", "/api/users", bad, admin);
            assertThat(r.statusCode()).as(bad).isBetween(400, 409);
            assertThat(Json.parseObject(r.body()).string("error")).as(bad).doesNotContain("Exception");
        }
        assertThat(send("PATCH", "/api/users/maria", "{}", admin).statusCode()).isEqualTo(400);
        assertThat(server.auth().accounts().users()).extracting(u -> u.id().value())
                .contains("maria").doesNotContain("x1", "x2", "x3", "x4", "admin");
    }

    @Test
    void a_user_makes_lists_and_revokes_their_own_keys_and_cannot_touch_anothers() throws Exception {
        HttpResponse<String> made = send("POST", "/api/keys", "{\"name\": \"phone\"}", maria);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonObject key = Json.parseObject(made.body());
        assertThat(key.string("key")).startsWith("jck_");
        assertThat(Json.parseObject(get(url + "/api/auth/me", key.string("key")).body()).string("user"))
                .isEqualTo("maria");
        assertThat(get(url + "/api/keys", maria).body()).contains("phone", "laptop").doesNotContain("jck_");
        server.auth().accounts().add(new UserId("olga"), false, Tier.YOLO, "olga's password",
                new Actor("cli:test", "cli", ""));
        String olgas = Json.parseObject(send("POST", "/api/keys", "{\"name\": \"x\", \"user\": \"olga\"}", admin)
                .body()).string("id");
        assertThat(get(url + "/api/keys?user=olga", maria).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/keys", "{\"name\": \"x\", \"user\": \"olga\"}", maria).statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", "/api/keys/" + olgas, null, maria).statusCode()).isEqualTo(404);
        assertThat(send("DELETE", "/api/keys/" + key.string("id"), null, maria).statusCode()).isEqualTo(200);
        assertThat(get(url + "/api/auth/me", key.string("key")).statusCode()).isEqualTo(401);
        assertThat(send("DELETE", "/api/keys/" + olgas, null, admin).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/keys/not-an-id", null, admin).statusCode()).isEqualTo(400);
    }
}
