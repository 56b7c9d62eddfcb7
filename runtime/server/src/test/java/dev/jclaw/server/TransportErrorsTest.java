package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What Helidon answers before routing comes back as {@code {"error": "..."}} too; HTTP/1.0 health checks work. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransportErrorsTest {
    Path home;
    JClawServer server;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("jclaw-transport-test");
        Path plugins = home.resolve("plugins");
        TestServers.channelPlugin(plugins);
        server = TestServers.start(TestServers.config(home, plugins)).server();
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

    static String error(RawHttp.Response response) {
        assertThat(response.header("content-type")).as(response.head()).isEqualTo("application/json");
        return ((JsonObject) Json.parse(response.body())).string("error");
    }

    @Nested
    class ErrorBodies {
        @Test
        void answers_a_malformed_request_line_with_400_and_a_json_error() throws Exception {
            RawHttp.Response response = exchange("NONSENSE\r\n\r\n");
            assertThat(response.status()).isEqualTo(400);
            assertThat(error(response)).contains("not valid HTTP/1.1");
        }

        @Test
        void answers_an_announced_oversized_body_with_413_and_a_json_error() throws Exception {
            RawHttp.Response response = exchange("POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                    + (50 * 1024 * 1024) + "\r\n\r\n");
            assertThat(response.status()).isEqualTo(413);
            assertThat(error(response)).contains("larger than 1048576 bytes", "server.max-body-bytes");
        }

        @Test
        void answers_an_oversized_uri_with_414_and_a_json_error() throws Exception {
            RawHttp.Response response = exchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(response.status()).isEqualTo(414);
            assertThat(error(response)).contains("shorter URL");
        }

        @Test
        void answers_oversized_headers_with_a_json_error() throws Exception {
            RawHttp.Response response = exchange("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: "
                    + "b".repeat(40_000) + "\r\n\r\n");
            assertThat(response.status()).isBetween(400, 431);
            assertThat(error(response)).isNotBlank();
        }

        @Test
        void answers_another_http_version_with_a_json_error() throws Exception {
            RawHttp.Response v10 = exchange("GET /hello HTTP/1.0\r\n\r\n");
            assertThat(v10.status()).isEqualTo(505);
            assertThat(error(v10)).contains("only HTTP/1.1");
            RawHttp.Response v12 = exchange("GET /hello HTTP/1.2\r\nHost: localhost\r\n\r\n");
            assertThat(v12.status()).isIn(400, 505);
            assertThat(error(v12)).isNotBlank();
        }

        @Test
        void never_names_a_java_exception_in_an_error() throws Exception {
            for (String request : new String[] {"NONSENSE\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
                    "GET /hello HTTP/1.0\r\n\r\n"}) {
                assertThat(exchange(request).body()).doesNotContain("Exception", "at io.", "helidon");
            }
        }
    }

    @Nested
    class Http10 {
        @Test
        void answers_a_load_balancer_health_check_over_http_1_0() throws Exception {
            RawHttp.Response response = exchange("GET /health HTTP/1.0\r\n\r\n");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(((JsonObject) Json.parse(response.body())).string("status")).isEqualTo("UP");
        }
    }
}
