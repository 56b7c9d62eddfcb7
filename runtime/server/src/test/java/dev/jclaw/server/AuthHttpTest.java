package dev.jclaw.server;

import static dev.jclaw.server.JClawServerTest.get;
import static dev.jclaw.server.JClawServerTest.tokenIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.server.auth.Actor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Logins, logout, {@code /api/auth/me} and {@code /api/audit} over a real socket against a started server, hostile
 * bodies included; at the end, the database files are searched for every secret handed out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthHttpTest {
    static final HttpClient CLIENT = HttpClient.newHttpClient();
    static final String PASSWORD = "carol's long password";
    Path home;
    JClawServer server;
    String url;
    String admin;
    final List<String> secrets = new ArrayList<>(List.of(PASSWORD));

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("jclaw-auth-http");
        TestServers.Started started = TestServers.start(TestServers.config(home, home.resolve("plugins"),
                Map.of("JCLAW_SANDBOX_ENABLED", "false")));
        server = started.server();
        url = server.url();
        admin = tokenIn(started.output());
        Actor operator = new Actor("cli:test", "cli", "");
        server.auth().accounts().add(new UserId("carol"), false, Tier.APPROVAL, PASSWORD, operator);
        server.auth().accounts().add(new UserId("dave"), false, Tier.READ_ONLY, "dave's long password", operator);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<String> post(String path, String contentType, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                // as upload clients do: a body over server.max-body-bytes is refused before it is read (docs/api.md)
                .expectContinue(body.length() > 256 * 1024);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String user, String password) throws Exception {
        return post("/api/auth/login", "application/json", Json.write(JsonObject.builder().put("user", user)
                .put("password", password).build()), null);
    }

    static JsonObject json(HttpResponse<String> response) {
        return Json.parseObject(response.body());
    }

    @Test
    @Order(1)
    void logs_in_answers_me_and_logs_out() throws Exception {
        HttpResponse<String> ok = login("carol", PASSWORD);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonObject body = json(ok);
        String token = body.string("token");
        secrets.add(token);
        assertThat(token).startsWith("jcs_");
        assertThat(body.string("user")).isEqualTo("carol");
        assertThat(body.optBoolean("admin")).contains(false);
        assertThat(body.string("tier")).isEqualTo("approval");
        assertThat(java.time.Instant.parse(body.string("expires_at"))).isAfter(java.time.Instant.now());
        HttpResponse<String> me = get(url + "/api/auth/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).string("credential")).isEqualTo("session");
        assertThat(post("/api/auth/logout", null, "", token).statusCode()).isEqualTo(200);
        HttpResponse<String> after = get(url + "/api/auth/me", token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(after.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Bearer"));
        assertThat(json(after).string("error")).contains("revoked");
    }

    @Test
    @Order(2)
    void authenticates_an_api_key_and_the_bootstrap_token_and_refuses_others() throws Exception {
        String key = server.auth().accounts().createKey(new UserId("dave"), "ci", new Actor("cli:test", "cli", ""))
                .secret();
        secrets.add(key);
        assertThat(json(get(url + "/api/auth/me", key))).isEqualTo(JsonObject.builder().put("user", "dave")
                .put("admin", false).put("tier", "read-only").put("credential", "api-key").build());
        assertThat(json(get(url + "/api/auth/me", admin)).string("user")).isEqualTo("admin");
        assertThat(get(url + "/api/auth/me", null).statusCode()).isEqualTo(401);
        assertThat(get(url + "/api/auth/me", "jck_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(post("/api/auth/logout", null, "", key).statusCode()).isEqualTo(400);
    }

    @Test
    @Order(3)
    void throttles_the_sixth_wrong_password_with_retry_after_and_audits_it() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> wrong = login("dave", "wrong password " + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong).string("error")).isEqualTo("wrong user name or password");
        }
        HttpResponse<String> throttled = login("dave", "dave's long password");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("30");
        HttpResponse<String> audit = get(url + "/api/audit?kind=login.throttled&user=dave", admin);
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
        assertThat(json(audit).optArray("entries").orElseThrow().elements()).hasSize(1);
        HttpResponse<String> failed = get(url + "/api/audit?kind=login.failed&since=1h&limit=3", admin);
        assertThat(json(failed).optArray("entries").orElseThrow().elements()).hasSize(3);
        // an unknown name answers exactly like a wrong password
        HttpResponse<String> nobody = login("nobody", "wrong password");
        assertThat(nobody.statusCode()).isEqualTo(429).as("the address is throttled too");
    }

    @Test
    @Order(4)
    void keeps_the_audit_log_for_administrators() throws Exception {
        String key = server.auth().accounts().createKey(new UserId("carol"), "laptop", new Actor("cli:t", "cli", ""))
                .secret();
        secrets.add(key);
        assertThat(get(url + "/api/audit", null).statusCode()).isEqualTo(401);
        HttpResponse<String> notAdmin = get(url + "/api/audit", key);
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(json(notAdmin).string("error")).contains("administrators");
        for (String bad : List.of("kind=login.maybe", "limit=0", "limit=abc", "since=yesterday",
                "user=%0Aadmin")) {
            HttpResponse<String> r = get(url + "/api/audit?" + bad, admin);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).string("error")).as(bad).doesNotContain("Exception");
        }
    }

    @Test
    @Order(5)
    void answers_hostile_login_bodies_with_a_clear_4xx_and_stores_nothing() throws Exception {
        int before = server.auth().identity().audit().query(dev.jclaw.core.identity.AuditQuery.latest()).size();
        record Case(String contentType, String body, int status) {
        }
        for (Case c : List.of(
                new Case("application/json", "{\"user\": \"carol\", \"password\": ", 400),
                new Case("application/json", "[\"carol\"]", 400),
                new Case("application/json", "{\"user\": 1, \"password\": \"x\"}", 400),
                new Case("application/json", "{\"user\": \"carol\"}", 400),
                new Case("application/json", "{\"user\": \"car\\nol\", \"password\": \"x\"}", 400),
                new Case("application/json", "{\"user\": \"x' OR '1'='1\", \"password\": \"x\"}", 400),
                new Case("application/json", "{\"user\": \"" + "a".repeat(65) + "\", \"password\": \"x\"}", 400),
                new Case("application/json", "{\"user\": \"carol\", \"password\": \"" + "x".repeat(9000) + "\"}", 413),
                new Case("text/plain", "{\"user\": \"carol\", \"password\": \"x\"}", 415),
                new Case(null, "user=carol&password=x", 415))) {
            HttpResponse<String> r = post("/api/auth/login", c.contentType(), c.body(), null);
            assertThat(r.statusCode()).as(c.body()).isEqualTo(c.status());
            assertThat(json(r).string("error")).as(c.body()).isNotBlank().doesNotContain("at dev.", "Exception");
        }
        try (RawHttp raw = RawHttp.connect(url)) {
            byte[] body = "{\"user\": \"caro\u00ff\", \"password\": \"x\"}".getBytes(StandardCharsets.ISO_8859_1);
            RawHttp.Response r = raw.send("POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type:"
                    + " application/json\r\nContent-Length: " + body.length + "\r\n\r\n"
                    + new String(body, StandardCharsets.ISO_8859_1)).read();
            assertThat(r.status()).as("invalid UTF-8").isEqualTo(400);
        }
        HttpResponse<String> huge = post("/api/auth/login", "application/json", "x".repeat(2 * 1024 * 1024), null);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(server.auth().identity().audit().query(dev.jclaw.core.identity.AuditQuery.latest()))
                .as("no login was attempted, so nothing was audited").hasSize(before);
        assertThat(server.auth().accounts().users()).hasSize(2);
    }

    @Test
    @Order(6)
    void never_writes_a_password_a_session_token_or_an_api_key_to_the_database_files() throws Exception {
        server.close();
        Path data = home.resolve("data");
        List<Path> files;
        try (Stream<Path> all = Files.walk(data)) {
            files = all.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("jclaw."))
                    .toList();
        }
        assertThat(files).isNotEmpty();
        StringBuilder everything = new StringBuilder();
        for (Path file : files) {
            everything.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }
        // the search works: what is stored in clear is found
        assertThat(everything).contains("laptop").contains("argon2id");
        assertThat(secrets).hasSizeGreaterThanOrEqualTo(4);
        for (String secret : secrets) {
            assertThat(everything.indexOf(secret)).as("a secret in the database files").isEqualTo(-1);
            assertThat(everything.indexOf(secret.substring(4))).isEqualTo(-1);
        }
    }

    static String readAll(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }
}
