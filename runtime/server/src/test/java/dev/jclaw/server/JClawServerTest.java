package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigException;
import dev.jclaw.config.ConfigLoader;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

class JClawServerTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String tokenIn(String output) {
        Matcher m = Pattern.compile("\\n\\s+([0-9a-f]{64})\\n").matcher(output);
        assertThat(m.find()).as("a generated token in: " + output).isTrue();
        return m.group(1);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Running {
        Path home;
        JClawServer server;
        String token;
        String url;

        @BeforeAll
        void start() throws Exception {
            home = Files.createTempDirectory("jclaw-server-test");
            Path plugins = home.resolve("plugins");
            TestServers.channelPlugin(plugins);
            TestServers.Started started = TestServers.start(TestServers.config(home, plugins));
            server = started.server();
            token = tokenIn(started.output());
            url = server.url();
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void listens_on_loopback_only_by_default() {
            assertThat(url).startsWith("http://127.0.0.1:");
        }

        @Test
        void answers_liveness() throws Exception {
            HttpResponse<String> response = get(url + "/health", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Json.parseObject(response.body()).string("status")).isEqualTo("UP");
        }

        @Test
        void answers_readiness_with_plugin_states() throws Exception {
            HttpResponse<String> response = get(url + "/health/ready", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("\"id\":\"hello-channel\"", "\"state\":\"ACTIVE\"");
        }

        @Test
        void refuses_the_plugins_api_without_credentials_or_with_a_wrong_token() throws Exception {
            assertThat(get(url + "/api/plugins", null).statusCode()).isEqualTo(401);
            assertThat(get(url + "/api/plugins", "0".repeat(64)).statusCode()).isEqualTo(401);
            assertThat(get(url + "/api/plugins", "").statusCode()).isEqualTo(401);
            HttpResponse<String> basic = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/api/plugins"))
                    .header("Authorization", "Basic YWRtaW46Y2hhbmdlbWU=").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(basic.statusCode()).isEqualTo(401);
            assertThat(basic.body()).doesNotContain("hello-channel");
        }

        @Test
        void lists_plugins_for_an_administrator() throws Exception {
            HttpResponse<String> response = get(url + "/api/plugins", token);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonObject plugin = (JsonObject) Json.parseObject(response.body()).optArray("plugins").orElseThrow().get(0);
            assertThat(plugin.string("id")).isEqualTo("hello-channel");
            assertThat(plugin.string("state")).isEqualTo("ACTIVE");
            assertThat(plugin.string("version")).isEqualTo("1.0");
            assertThat(plugin.toJson()).contains("http:GET /hello", "ws:/ws/echo");
            assertThat(get(url + "/api/plugins/hello-channel", token).statusCode()).isEqualTo(200);
            assertThat(get(url + "/api/plugins/nope", token).statusCode()).isEqualTo(404);
        }

        @Test
        void serves_plugin_endpoints_and_answers_404_and_405_as_json() throws Exception {
            assertThat(get(url + "/hello?name=ann", null).body()).isEqualTo("hello ann");
            HttpResponse<String> missing = get(url + "/nowhere", null);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("{\"error\":\"no endpoint at /nowhere\"}");
            HttpResponse<String> delete = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/hello")).DELETE()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delete.statusCode()).isEqualTo(405);
        }

        @Test
        void hides_a_failing_plugin_endpoint_behind_a_generic_500() throws Exception {
            HttpResponse<String> response = get(url + "/broken", null);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).doesNotContain("secret internals", "Exception", "at ");
        }

        @Test
        void refuses_an_oversized_body_with_413() throws Exception {
            HttpResponse<String> small = CLIENT.send(HttpRequest.newBuilder(URI.create(url + "/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(small.body()).isEqualTo("got 100 bytes");
            // announce a 2 MiB body on a raw socket: the server must refuse it from the headers, before reading it
            URI uri = URI.create(url);
            try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(("POST /hello HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Length: " + (2 * 1024 * 1024) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                        socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(status).startsWith("HTTP/1.1 413");
            }
        }

        @Test
        void bridges_a_plugin_websocket() throws Exception {
            CompletableFuture<String> reply = new CompletableFuture<>();
            WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(URI.create(url.replace("http", "ws") + "/ws/echo"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            ws.sendText("ping", true);
            assertThat(reply.get(5, TimeUnit.SECONDS)).isEqualTo("echo: ping");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HostileSockets {
        Path home;
        JClawServer server;

        @BeforeAll
        void start() throws Exception {
            home = Files.createTempDirectory("jclaw-ws-test");
            Path plugins = home.resolve("plugins");
            TestServers.channelPlugin(plugins);
            Map<String, String> env = new java.util.HashMap<>(TestServers.env(home, plugins));
            env.put("JCLAW_SERVER_MAX_BODY_BYTES", "4096");
            server = TestServers.start(ConfigLoader.builder().workingDir(home).environment(env).build().load())
                    .server();
        }

        @AfterAll
        void stop() {
            server.close();
        }

        @Test
        void refuses_an_upgrade_to_a_path_no_plugin_serves() {
            URI uri = URI.create(server.url().replace("http", "ws") + "/ws/nothing-here");
            assertThatThrownBy(() -> CLIENT.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { })
                    .get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
        }

        @Test
        void closes_a_connection_that_sends_a_message_over_the_limit_with_1009() throws Exception {
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(
                    URI.create(server.url().replace("http", "ws") + "/ws/echo"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                            closed.complete(status);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            ws.sendText("x".repeat(3000), false).get(5, TimeUnit.SECONDS);
            ws.sendText("y".repeat(3000), true).get(5, TimeUnit.SECONDS);
            assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
        }
    }

    @Nested
    class Lifecycle {
        @TempDir
        Path home;

        @Test
        void generates_an_admin_token_once_and_keeps_only_its_hash() throws Exception {
            Path plugins = Files.createDirectories(home.resolve("plugins"));
            TestServers.Started first = TestServers.start(TestServers.config(home, plugins));
            String token = tokenIn(first.output());
            first.server().close();

            TestServers.Started second = TestServers.start(TestServers.config(home, plugins));
            try {
                assertThat(second.output()).doesNotContain(token).doesNotContain("Generated");
                assertThat(get(second.server().url() + "/api/plugins", token).statusCode()).isEqualTo(200);
                try (var files = Files.walk(home)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        if (!file.toString().endsWith(".jar")) {
                            assertThat(Files.readString(file)).as(file.toString()).doesNotContain(token);
                        }
                    }
                }
            } finally {
                second.server().close();
            }
        }

        @Test
        void accepts_a_configured_admin_token_and_generates_none() throws Exception {
            Path plugins = Files.createDirectories(home.resolve("plugins"));
            Map<String, String> env = new java.util.HashMap<>(TestServers.env(home, plugins));
            env.put("JCLAW_ADMIN_TOKEN", "a-configured-token-of-some-length");
            TestServers.Started started = TestServers.start(ConfigLoader.builder().workingDir(home).environment(env).build().load());
            try (JClawServer server = started.server()) {
                assertThat(started.output()).doesNotContain("Generated");
                assertThat(get(server.url() + "/api/plugins", "a-configured-token-of-some-length").statusCode())
                        .isEqualTo(200);
            }
        }

        @Test
        void refuses_a_port_in_use_naming_the_key() throws Exception {
            Path plugins = Files.createDirectories(home.resolve("plugins"));
            try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
                Map<String, String> env = new java.util.HashMap<>(TestServers.env(home, plugins));
                env.put("JCLAW_SERVER_PORT", Integer.toString(taken.getLocalPort()));
                var config = ConfigLoader.builder().workingDir(home).environment(env).build().load();
                assertThatThrownBy(() -> TestServers.start(config))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("server.port")
                        .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
            }
        }

        @Test
        void shuts_down_gracefully_letting_a_request_in_flight_finish() throws Exception {
            Path plugins = home.resolve("plugins");
            TestServers.channelPlugin(plugins);
            JClawServer server = TestServers.start(TestServers.config(home, plugins)).server();
            String url = server.url();
            Path marker = home.resolve("inside");
            CompletableFuture<HttpResponse<String>> slow = CLIENT.sendAsync(
                    HttpRequest.newBuilder(URI.create(url + "/slow?marker=" + marker)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(marker)) { // until the request is inside the plugin
                assertThat(System.nanoTime()).as("the request reached the plugin").isLessThan(deadline);
                Thread.sleep(10);
            }
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

            HttpResponse<String> response = slow.get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("finally");
            closing.get(15, TimeUnit.SECONDS);
            assertThatThrownBy(() -> get(url + "/health", null)).isInstanceOf(ConnectException.class);
            assertThat(server.host().plugins()).allSatisfy(p -> assertThat(p.state().name()).isEqualTo("UNINSTALLED"));
        }
    }
}
