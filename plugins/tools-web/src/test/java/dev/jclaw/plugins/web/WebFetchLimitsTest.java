package dev.jclaw.plugins.web;

import static dev.jclaw.plugins.web.Calls.call;
import static dev.jclaw.plugins.web.Calls.content;
import static dev.jclaw.plugins.web.Calls.failure;
import static dev.jclaw.plugins.web.Calls.fetch;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Size, time and redirect caps, and the checks of the arguments. */
class WebFetchLimitsTest {

    private TestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Nested
    class Size {
        @Test
        void stops_reading_an_endless_body_at_max_bytes() throws Exception {
            AtomicLong sent = new AtomicLong();
            server.on("/endless", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, 0); // chunked, no length
                byte[] chunk = new byte[8192];
                Arrays.fill(chunk, (byte) 'x');
                try (OutputStream out = exchange.getResponseBody()) {
                    while (sent.get() < 512L * 1024 * 1024) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                }
            });
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.1\"], \"max-bytes\": 4096}");

            String page = content(fetch(webFetch, server.url("/endless")));

            assertThat(page).isEqualTo("URL: " + server.url("/endless") + "\n\n" + "x".repeat(4096)
                    + "\n\n… [the download stopped at 4 KiB, the size limit; the rest of the document is not shown]");
            assertThat(sent.get()).as("bytes the server got rid of").isLessThan(64L * 1024 * 1024);
        }

        @Test
        void cuts_the_content_at_max_chars_and_says_how_to_read_more() throws Exception {
            server.page("/long", "text/plain", "y".repeat(1000));
            Tool webFetch = Calls.allowingLoopback();

            String page = content(call(webFetch, JsonObject.builder().put("url", server.url("/long"))
                    .put("max_chars", 300).build()));

            assertThat(page).isEqualTo("URL: " + server.url("/long") + "\n\n" + "y".repeat(300) + "\n\n… [cut at 300"
                    + " of 1000 characters; call web_fetch again with a larger max_chars (at most 200000) to read more]");
        }

        @Test
        void never_cuts_a_surrogate_pair_in_half() throws Exception {
            server.page("/emoji", "text/plain", "a".repeat(99) + "😀".repeat(10));

            String page = content(call(Calls.allowingLoopback(), JsonObject.builder().put("url", server.url("/emoji"))
                    .put("max_chars", 100).build()));

            assertThat(page).contains("a".repeat(99) + "\n\n… [cut at 99 of 119 characters");
        }
    }

    @Nested
    class Time {
        @Test
        void gives_up_on_a_server_that_does_not_answer_within_the_timeout() throws Exception {
            server.on("/slow", exchange -> {
                Thread.sleep(10_000);
                TestServer.send(exchange, 200, "text/plain", "late".getBytes(UTF_8));
            });
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.1\"], \"timeout-seconds\": 1}");
            Instant start = Instant.now();

            String message = failure(fetch(webFetch, server.url("/slow")));

            assertThat(message).isEqualTo("fetching " + server.url("/slow") + " timed out after 1 s; the server is too"
                    + " slow or the page too large");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void gives_up_on_a_body_that_trickles_in() throws Exception {
            server.on("/trickle", WebFetchLimitsTest::trickle);
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.1\"], \"timeout-seconds\": 1}");
            Instant start = Instant.now();

            assertThat(failure(fetch(webFetch, server.url("/trickle")))).startsWith("fetching " + server.url("/trickle")
                    + " timed out after 1 s");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void counts_redirects_into_the_same_timeout() throws Exception {
            server.redirect("/hop", 302, "/slow").on("/slow", exchange -> {
                Thread.sleep(10_000);
                TestServer.send(exchange, 200, "text/plain", "late".getBytes(UTF_8));
            });
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.1\"], \"timeout-seconds\": 1}");
            Instant start = Instant.now();

            assertThat(failure(fetch(webFetch, server.url("/hop")))).contains("timed out after 1 s");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void ends_at_the_tool_call_deadline_when_that_comes_first() throws Exception {
            server.on("/trickle", WebFetchLimitsTest::trickle);
            Tool webFetch = Calls.allowingLoopback();
            Instant start = Instant.now();

            String message = failure(webFetch.execute(new ToolContext("call-1", JsonObject.builder()
                    .put("url", server.url("/trickle")).build(), Path.of("."), "test:web", start.plusSeconds(1))));

            assertThat(message).endsWith("timed out after 1 s (the tool call's deadline)");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Nested
    class Cleanup {
        @Test
        void stops_promptly_when_the_call_is_interrupted() throws Exception {
            server.on("/slow", exchange -> {
                Thread.sleep(10_000);
                TestServer.send(exchange, 200, "text/plain", "late".getBytes(UTF_8));
            });
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread call = Thread.ofVirtual().start(() -> {
                try {
                    fetch(Calls.allowingLoopback(), server.url("/slow"));
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            Thread.sleep(300);

            call.interrupt();

            assertThat(call.join(Duration.ofSeconds(2))).as("the call ended").isTrue();
            assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        }

        @Test
        void leaves_no_http_client_threads_behind() throws Exception {
            server.page("/ok", "text/plain", "ok").on("/trickle", WebFetchLimitsTest::trickle);
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.1\"], \"timeout-seconds\": 1}");
            for (int i = 0; i < 3; i++) {
                content(fetch(webFetch, server.url("/ok")));
            }
            failure(fetch(webFetch, server.url("/trickle")));

            Instant until = Instant.now().plusSeconds(5);
            while (!httpClientThreads().isEmpty() && Instant.now().isBefore(until)) {
                Thread.sleep(50);
            }
            assertThat(httpClientThreads()).isEmpty();
        }

        private static List<String> httpClientThreads() {
            return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                    .filter(name -> name.startsWith("HttpClient-")).toList();
        }
    }

    @Nested
    class Redirects {
        @Test
        void are_followed_at_most_five_times() throws Exception {
            for (int i = 0; i < 6; i++) {
                server.redirect("/r" + i, 302, "/r" + (i + 1));
            }
            server.page("/r6", "text/plain", "end");

            assertThat(failure(fetch(Calls.allowingLoopback(), server.url("/r0")))).isEqualTo(
                    "gave up after 5 redirects, the last from " + server.url("/r5") + " to /r6");
        }

        @Test
        void five_are_fine() throws Exception {
            for (int i = 0; i < 5; i++) {
                server.redirect("/r" + i, 303, "/r" + (i + 1));
            }
            server.page("/r5", "text/plain", "end");

            assertThat(content(fetch(Calls.allowingLoopback(), server.url("/r0")))).endsWith("\n\nend");
        }
    }

    @Nested
    class Arguments {
        private final Tool webFetch = Calls.webFetch("{}");

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "{}                                            | 'url' is required and must be a string",
            "{\"url\": 42}                                 | 'url' must be a string, got number",
            "{\"url\": \"https://a.example\", \"max_chars\": 5}       | 'max_chars' must be from 100 to 200000, got 5",
            "{\"url\": \"https://a.example\", \"max_chars\": 1.5}     | 'max_chars' must be an integer, got 1.5",
            "{\"url\": \"https://a.example\", \"headers\": {}}        | unknown argument 'headers'; web_fetch takes 'url' and 'max_chars'",
            "{\"url\": \"\"}                               | the URL is empty; pass an absolute http or https URL",
            "{\"url\": \"example.org/page\"}               | 'example.org/page' is not an absolute URL; start it with https:// or http://",
            "{\"url\": \"https://user:pw@example.org/\"}   | URLs with user info (user:password@host) are refused; pass the URL without it",
            "{\"url\": \"https:///path\"}                  | 'https:///path' has no host; write it as https://host/path",
            "{\"url\": \"http://exa mple.org/\"}           | the host 'exa mple.org' is not a valid host name",
            "{\"url\": \"http://example.org:99999/\"}      | the port '99999' is not a number from 1 to 65535",
        })
        void are_checked_with_a_message_that_says_what_to_send(String arguments, String expected) throws Exception {
            assertThat(failure(call(webFetch, Json.parseObject(arguments)))).isEqualTo(expected);
        }

        @Test
        void refuse_an_overlong_url() throws Exception {
            String url = "https://example.org/" + "a".repeat(WebUrl.MAX_LENGTH);

            assertThat(failure(fetch(webFetch, url))).isEqualTo("the URL is " + url.length() + " characters long;"
                    + " web_fetch takes URLs of at most 2048");
        }
    }

    private static void trickle(HttpExchange exchange) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < 100; i++) {
                out.write('z');
                out.flush();
                Thread.sleep(200);
            }
        }
    }
}
