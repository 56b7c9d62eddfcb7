package dev.jclaw.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The server under clients that send half a request, trickle it, open too many connections or vanish mid-way. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int CAP = 40;

    Path home;
    JClawServer server;

    @BeforeAll
    void start() throws Exception {
        home = Files.createTempDirectory("jclaw-hostile-test");
        Path plugins = home.resolve("plugins");
        TestServers.channelPlugin(plugins);
        Map<String, String> env = new HashMap<>(TestServers.env(home, plugins));
        env.put("JCLAW_SERVER_HEADER_TIMEOUT_MS", "600");
        env.put("JCLAW_SERVER_READ_TIMEOUT_MS", "1500");
        env.put("JCLAW_SERVER_MAX_CONNECTIONS", String.valueOf(CAP));
        server = TestServers.start(ConfigLoader.builder().workingDir(home).environment(env).build().load()).server();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    int health() throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/health"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Polls until a well-behaved client is served: the dropped connections' places free as the server sees them go. */
    void awaitHealthy() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (health() != 200) {
            assertThat(System.nanoTime()).as("served again within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Nested
    class Timeouts {
        @Test
        void closes_a_connection_whose_headers_stop_half_way() throws Exception {
            try (RawHttp raw = RawHttp.connect(server.url())) {
                raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow:");
                Optional<Duration> closed = raw.awaitClosed(Duration.ofSeconds(5));
                assertThat(closed).as("closed by the server").isPresent();
                assertThat(closed.get()).isBetween(Duration.ofMillis(400), Duration.ofMillis(3000));
            }
        }

        @Test
        void closes_a_connection_that_sends_nothing() throws Exception {
            try (RawHttp raw = RawHttp.connect(server.url())) {
                assertThat(raw.awaitClosed(Duration.ofSeconds(5))).isPresent();
            }
        }

        @Test
        void closes_a_client_that_trickles_its_headers_a_byte_at_a_time() throws Exception {
            try (RawHttp raw = RawHttp.connect(server.url())) {
                raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\n");
                long start = System.nanoTime();
                boolean dropped = false;
                // each byte comes well within the read timeout; only the header deadline can end this
                while (!dropped && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
                    try {
                        raw.send("X");
                        Thread.sleep(100); // the trickle's pace, not a wait for the server
                    } catch (java.io.IOException e) {
                        dropped = true;
                    }
                }
                assertThat(dropped).as("dropped before 5 s").isTrue();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            }
        }

        @Test
        void closes_a_client_that_stops_sending_its_body() throws Exception {
            try (RawHttp raw = RawHttp.connect(server.url())) {
                raw.send("POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\nonly a part");
                Optional<Duration> closed = raw.awaitClosed(Duration.ofSeconds(6));
                assertThat(closed).as("closed by the server").isPresent();
                assertThat(closed.get()).isBetween(Duration.ofMillis(1000), Duration.ofMillis(4000));
            }
        }

        @Test
        void keeps_a_kept_alive_connection_across_requests_and_a_handler_slower_than_the_header_timeout()
                throws Exception {
            try (RawHttp raw = RawHttp.connect(server.url())) {
                RawHttp.Response slow = raw.send("GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                assertThat(slow.body()).isEqualTo("finally");
                for (int i = 0; i < 3; i++) {
                    RawHttp.Response response = raw.send("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
                    assertThat(response.status()).isEqualTo(200);
                }
            }
        }

        @Test
        void keeps_a_silent_websocket_open_past_the_read_timeout() throws Exception {
            java.util.concurrent.CompletableFuture<String> reply = new java.util.concurrent.CompletableFuture<>();
            java.net.http.WebSocket ws = CLIENT.newWebSocketBuilder().buildAsync(
                    URI.create(server.url().replace("http", "ws") + "/ws/echo"), new java.net.http.WebSocket.Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket,
                                                                               CharSequence data, boolean last) {
                            reply.complete(data.toString());
                            return null;
                        }
                    }).get(5, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(2000); // silence longer than the 1.5 s read timeout
            ws.sendText("still there?", true).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(reply.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("echo: still there?");
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    @Nested
    class ConnectionCap {
        @Test
        void answers_503_beyond_the_cap_and_serves_again_once_the_slow_ones_are_dropped() throws Exception {
            List<RawHttp> slow = new ArrayList<>();
            try {
                for (int i = 0; i < CAP; i++) {
                    slow.add(RawHttp.connect(server.url()).send("GET /health HTTP/1.1\r\nHost: x\r\n"));
                }
                // below the cap a well-behaved client is served at once; at the cap it is told to come back
                try (RawHttp extra = RawHttp.connect(server.url())) {
                    RawHttp.Response refused = extra.read();
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.header("content-type")).isEqualTo("application/json");
                    assertThat(refused.body()).contains("\"error\"", "too many open connections");
                }
                for (RawHttp held : slow) {
                    assertThat(held.awaitClosed(Duration.ofSeconds(5))).as("dropped at the header timeout")
                            .isPresent();
                }
                assertThat(health()).isEqualTo(200);
            } finally {
                for (RawHttp held : slow) {
                    held.close();
                }
            }
        }

        @Test
        void thousands_of_half_sent_requests_never_hold_more_than_the_cap() throws Exception {
            int refused = 0;
            List<RawHttp> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    sockets.add(RawHttp.connect(server.url()).send("GET /health HTTP/1.1\r\n"));
                    if (i % 100 == 99) {
                        assertThat(health()).as("health while flooded").isIn(200, 503);
                    }
                }
                for (RawHttp socket : sockets) {
                    if (socket.awaitClosed(Duration.ofSeconds(5)).isPresent()) {
                        refused++;
                    }
                }
            } finally {
                for (RawHttp socket : sockets) {
                    socket.close();
                }
            }
            assertThat(refused).as("every connection closed by the server").isEqualTo(1000);
            assertThat(health()).isEqualTo(200);
        }

        @Test
        void serves_health_while_slow_clients_stay_below_the_cap() throws Exception {
            awaitHealthy(); // the places of earlier tests' connections are free
            List<RawHttp> slow = new ArrayList<>();
            try {
                for (int i = 0; i < CAP / 2; i++) {
                    slow.add(RawHttp.connect(server.url()).send("GET /health HTTP/1.1\r\nHost: x\r\n"));
                }
                for (int i = 0; i < 10; i++) {
                    assertThat(health()).isEqualTo(200);
                }
            } finally {
                for (RawHttp held : slow) {
                    held.close();
                }
            }
        }
    }

    @Nested
    class Logging {
        @Test
        void fifty_clients_that_vanish_mid_request_leave_no_warning_and_little_log() throws Exception {
            List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
            Handler capture = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    if (isLoggable(record)) {
                        records.add(record);
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            capture.setLevel(Level.ALL);
            Logger root = Logger.getLogger("");
            root.addHandler(capture);
            try {
                for (int i = 0; i < 50; i++) {
                    try (RawHttp raw = RawHttp.connect(server.url())) {
                        raw.send(switch (i % 3) {
                            case 0 -> "POST /hello HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000\r\n\r\npart";
                            case 1 -> "GET /hello HTTP/1.1\r\nHost: loc";
                            default -> "POST /hello HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab";
                        });
                    }
                }
                awaitHealthy();
                // the connection threads see the closes at once; give them a moment before the log is judged
                Thread.sleep(500);
            } finally {
                root.removeHandler(capture);
            }
            List<LogRecord> loud = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                    .toList();
            assertThat(loud).extracting(LogRecord::getMessage).isEmpty();
            long size = records.stream().mapToLong(r -> String.valueOf(r.getMessage()).length()
                    + (r.getThrown() == null ? 0 : 2000)).sum();
            assertThat(size).as("bytes of log for 50 vanished clients").isLessThan(50 * 300);
        }
    }
}
