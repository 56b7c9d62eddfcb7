package dev.jclaw.plugins.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The relay talks to nothing but the pinned address, and only for the expected target. */
class PinnedTunnelTest {

    private TestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start().page("/", "text/plain", "pinned");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private PinnedTunnel tunnel(String url) throws IOException {
        return PinnedTunnel.open(url(url), List.of(InetAddress.ofLiteral("127.0.0.1")), Instant.now().plusSeconds(10));
    }

    private static WebUrl url(String text) {
        return switch (WebUrl.parse(text)) {
            case WebUrl.Parsed.Valid valid -> valid.url();
            case WebUrl.Parsed.Invalid invalid -> fail(invalid.message());
        };
    }

    /** Sends a raw request to the relay and returns everything it answers. */
    private static String exchange(PinnedTunnel tunnel, String request) throws IOException {
        try (Socket socket = new Socket(tunnel.address().getAddress(), tunnel.address().getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(ISO_8859_1));
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), ISO_8859_1);
        }
    }

    @Nested
    class For_http {
        @Test
        void rewrites_the_absolute_form_request_and_sends_it_to_the_pinned_address() throws Exception {
            String target = "http://app.test:" + server.port();
            try (PinnedTunnel tunnel = tunnel(target + "/")) {
                String answer = exchange(tunnel, "GET " + target + "/?q=1 HTTP/1.1\r\nHost: app.test:" + server.port()
                        + "\r\nConnection: close\r\n\r\n");

                assertThat(answer).startsWith("HTTP/1.1 200").endsWith("pinned");
            }
            assertThat(server.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.target()).isEqualTo("/?q=1");
                assertThat(seen.host()).isEqualTo("app.test:" + server.port());
            });
        }

        @Test
        void refuses_a_request_for_another_host() throws Exception {
            try (PinnedTunnel tunnel = tunnel("http://app.test:" + server.port() + "/")) {
                String answer = exchange(tunnel, "GET http://other.test:" + server.port() + "/ HTTP/1.1\r\n\r\n");

                assertThat(answer).startsWith("HTTP/1.1 403 Forbidden");
            }
            assertThat(server.seen()).isEmpty();
        }

        @Test
        void refuses_to_tunnel() throws Exception {
            try (PinnedTunnel tunnel = tunnel("http://app.test:" + server.port() + "/")) {
                assertThat(exchange(tunnel, "CONNECT app.test:" + server.port() + " HTTP/1.1\r\n\r\n"))
                        .startsWith("HTTP/1.1 403 Forbidden");
            }
        }
    }

    @Nested
    class For_https {
        @Test
        void tunnels_only_to_the_target_authority() throws Exception {
            try (PinnedTunnel tunnel = tunnel("https://app.test:" + server.port() + "/")) {
                assertThat(exchange(tunnel, "CONNECT evil.test:" + server.port() + " HTTP/1.1\r\n\r\n"))
                        .startsWith("HTTP/1.1 403 Forbidden");
                assertThat(exchange(tunnel, "GET http://app.test:" + server.port() + "/ HTTP/1.1\r\n\r\n"))
                        .startsWith("HTTP/1.1 403 Forbidden");
            }
            assertThat(server.seen()).isEmpty();
        }
    }

    @Nested
    class At_the_deadline {
        @Test
        void closes_itself_and_says_so() throws Exception {
            PinnedTunnel tunnel = PinnedTunnel.open(url("http://app.test/"), List.of(InetAddress.ofLiteral("127.0.0.1")),
                    Instant.now().plusMillis(200));
            Instant until = Instant.now().plus(Duration.ofSeconds(3));
            while (!tunnel.expired() && Instant.now().isBefore(until)) {
                Thread.sleep(20);
            }

            assertThat(tunnel.expired()).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(tunnel.address(), 500);
                fail("the relay still accepts connections");
            } catch (IOException expected) {
                // closed
            }
        }
    }
}
