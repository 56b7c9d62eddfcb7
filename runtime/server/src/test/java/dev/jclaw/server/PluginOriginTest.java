package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.config.ConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A web page cannot reach a loopback plugin: not by DNS rebinding (Host), not cross-site (Origin). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PluginOriginTest {
    Path home;
    JClawServer server;
    String self;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("jclaw-origin-test");
        Path plugins = home.resolve("plugins");
        TestServers.channelPlugin(plugins);
        Files.writeString(home.resolve("jclaw.json"), "{\"server\": {\"allowed-hosts\": [\"agent.example.org\"]}}");
        Map<String, String> env = new HashMap<>(TestServers.env(home, plugins));
        server = TestServers.start(ConfigLoader.builder().workingDir(home).environment(env)
                .file(home.resolve("jclaw.json")).build().load()).server();
        self = "localhost:" + URI.create(server.url()).getPort();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    RawHttp.Response exchange(String request) throws Exception {
        try (RawHttp raw = RawHttp.connect(server.url())) {
            return raw.send(request).read();
        }
    }

    RawHttp.Response post(String host, String origin) throws Exception {
        return exchange("POST /hello HTTP/1.1\r\nHost: " + host + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n") + "Content-Length: 2\r\n\r\nhi");
    }

    static String error(RawHttp.Response response) {
        assertThat(response.header("content-type")).isEqualTo("application/json");
        return ((JsonObject) Json.parse(response.body())).string("error");
    }

    @Nested
    class HostHeader {
        @Test
        void serves_loopback_names_with_any_port() throws Exception {
            for (String host : new String[] {self, "127.0.0.1:1", "[::1]:7878", "localhost"}) {
                assertThat(exchange("GET /hello HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status()).as(host)
                        .isEqualTo(200);
            }
        }

        @Test
        void serves_a_configured_host_name() throws Exception {
            assertThat(exchange("GET /hello HTTP/1.1\r\nHost: agent.example.org:7878\r\n\r\n").status())
                    .isEqualTo(200);
        }

        @Test
        void refuses_a_rebound_name_with_403_naming_the_key() throws Exception {
            RawHttp.Response response = exchange("GET /hello HTTP/1.1\r\nHost: attacker.example:"
                    + URI.create(server.url()).getPort() + "\r\n\r\n");
            assertThat(response.status()).isEqualTo(403);
            assertThat(error(response)).contains("attacker.example", "server.allowed-hosts");
        }

        @Test
        void leaves_health_to_any_host_for_probes() throws Exception {
            assertThat(exchange("GET /health HTTP/1.1\r\nHost: 10.1.2.3:7878\r\n\r\n").status()).isEqualTo(200);
        }
    }

    @Nested
    class OriginHeader {
        @Test
        void refuses_a_cross_site_post_with_403() throws Exception {
            RawHttp.Response response = post(self, "http://evil.example");
            assertThat(response.status()).isEqualTo(403);
            assertThat(error(response)).contains("cross-origin", "http://evil.example");
        }

        @Test
        void refuses_another_local_origin_and_the_null_origin() throws Exception {
            assertThat(post(self, "http://localhost:3000").status()).isEqualTo(403);
            assertThat(post(self, "null").status()).isEqualTo(403);
        }

        @Test
        void accepts_a_post_from_its_own_origin_or_without_origin() throws Exception {
            assertThat(post(self, "http://" + self).body()).isEqualTo("got 2 bytes");
            assertThat(post(self, null).body()).isEqualTo("got 2 bytes");
            assertThat(post("agent.example.org", "https://agent.example.org").body()).isEqualTo("got 2 bytes");
        }

        @Test
        void lets_a_cross_site_get_through_as_browsers_do_not_let_the_page_read_it() throws Exception {
            assertThat(exchange("GET /hello HTTP/1.1\r\nHost: " + self + "\r\nOrigin: http://evil.example\r\n\r\n")
                    .status()).isEqualTo(200);
        }
    }

    @Nested
    class WebSockets {
        String upgrade(String host, String origin) {
            return "GET /ws/echo HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: " + origin + "\r\n\r\n";
        }

        int status(String request) throws Exception {
            try (RawHttp raw = RawHttp.connect(server.url())) {
                return raw.send(request).read().status();
            }
        }

        @Test
        void opens_a_socket_for_its_own_origin() throws Exception {
            assertThat(status(upgrade(self, "http://" + self))).isEqualTo(101);
        }

        @Test
        void refuses_a_socket_for_a_foreign_origin() throws Exception {
            assertThat(status(upgrade(self, "http://evil.example"))).isNotEqualTo(101);
        }

        @Test
        void refuses_a_socket_for_a_rebound_host() throws Exception {
            assertThat(status(upgrade("attacker.example", "http://attacker.example"))).isNotEqualTo(101);
        }
    }
}
