package dev.jclaw.plugins.web;

import static dev.jclaw.plugins.web.Calls.content;
import static dev.jclaw.plugins.web.Calls.failure;
import static dev.jclaw.plugins.web.Calls.fetch;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.tool.Tool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** web_fetch against a real local server: what comes back for each kind of content. */
class WebFetchTest {

    private static final String ARTICLE = """
            <!doctype html>
            <html><head><title>Release notes</title><script>var tracking = 1;</script>
            <style>body { color: red }</style></head>
            <body>
              <nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
              <h1>Version 2.0</h1>
              <p>Read the <a href="/docs/upgrade?from=1">upgrade guide</a> first.</p>
              <ul><li>Faster <b>startup</b></li><li>New <code>--quiet</code> flag</li></ul>
              <pre><code class="language-sh">jclaw run --quiet
            echo done</code></pre>
              <footer>© 2025 Example</footer>
            </body></html>
            """;

    private TestServer server;
    private final Tool webFetch = Calls.allowingLoopback();

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Nested
    class Html {
        @Test
        void becomes_markdown_under_its_title_and_url() throws Exception {
            server.page("/notes", "text/html; charset=utf-8", ARTICLE);

            assertThat(content(fetch(webFetch, server.url("/notes")))).isEqualTo("""
                    # Release notes
                    URL: %s

                    # Version 2.0

                    Read the [upgrade guide](%s) first.

                    - Faster **startup**
                    - New `--quiet` flag

                    ```sh
                    jclaw run --quiet
                    echo done
                    ```""".formatted(server.url("/notes"), server.url("/docs/upgrade?from=1")));
        }

        @Test
        void reports_the_final_url_after_relative_redirects() throws Exception {
            server.redirect("/old", 301, "/moved").redirect("/moved", 308, "new?lang=en")
                    .page("/new", "text/html", "<title>New</title><p>Here <a href='guide'>now</a>.</p>");

            assertThat(content(fetch(webFetch, server.url("/old")))).isEqualTo("# New\nURL: " + server.url("/new?lang=en")
                    + "\n\nHere [now](" + server.url("/guide") + ").");
        }

        @Test
        void is_decoded_with_the_charset_of_the_content_type() throws Exception {
            server.on("/latin", exchange -> TestServer.send(exchange, 200, "text/html; charset=ISO-8859-1",
                    "<p>Café crème</p>".getBytes(ISO_8859_1)));

            assertThat(content(fetch(webFetch, server.url("/latin")))).endsWith("\n\nCafé crème");
        }

        @Test
        void is_decoded_with_the_charset_of_a_meta_tag_when_the_header_has_none() throws Exception {
            server.on("/meta", exchange -> TestServer.send(exchange, 200, "text/html",
                    "<meta charset=\"windows-1252\"><p>€ and œ</p>".getBytes(Charset.forName("windows-1252"))));

            assertThat(content(fetch(webFetch, server.url("/meta")))).endsWith("\n\n€ and œ");
        }

        @Test
        void shows_invalid_bytes_as_replacement_characters() throws Exception {
            server.on("/bad", exchange -> TestServer.send(exchange, 200, "text/html; charset=utf-8",
                    new byte[] {'<', 'p', '>', 'a', (byte) 0xff, 'b', '<', '/', 'p', '>'}));

            assertThat(content(fetch(webFetch, server.url("/bad")))).endsWith("\n\na\uFFFDb");
        }

        @Test
        void says_so_when_nothing_readable_is_left() throws Exception {
            server.page("/app", "text/html", "<title>App</title><div id=root></div><script>render()</script>");

            assertThat(content(fetch(webFetch, server.url("/app")))).endsWith("\n\n" + WebFetchTool.NO_TEXT);
        }

        @Test
        void is_recognized_without_a_content_type() throws Exception {
            server.on("/untyped", exchange -> TestServer.send(exchange, 200, null,
                    "<!DOCTYPE html><title>T</title><h2>Hi</h2>".getBytes(UTF_8)));

            assertThat(content(fetch(webFetch, server.url("/untyped")))).endsWith("\n\n## Hi");
        }
    }

    @Nested
    class Text {
        @ParameterizedTest
        @ValueSource(strings = {"text/plain; charset=utf-8", "application/json", "text/markdown",
            "application/problem+json", "text/csv"})
        void comes_back_as_it_is(String type) throws Exception {
            String body = "{\"name\": \"jclaw\", \"tags\": [\"*not* markdown\", \"<b>\"]}";
            server.page("/data", type, body);

            assertThat(content(fetch(webFetch, server.url("/data")))).isEqualTo("URL: " + server.url("/data") + "\n\n"
                    + body);
        }

        @Test
        void is_decompressed_when_the_server_sends_gzip() throws Exception {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write("compressed text".getBytes(UTF_8));
            }
            server.on("/gz", exchange -> {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                TestServer.send(exchange, 200, "text/plain", zipped.toByteArray());
            });

            assertThat(content(fetch(webFetch, server.url("/gz")))).endsWith("\n\ncompressed text");
            assertThat(server.seen().getFirst().acceptEncoding()).isEqualTo("gzip, deflate");
        }

        @Test
        void refuses_an_encoding_it_cannot_decode() throws Exception {
            server.on("/br", exchange -> {
                exchange.getResponseHeaders().set("Content-Encoding", "br");
                TestServer.send(exchange, 200, "text/plain", new byte[] {1, 2, 3});
            });

            assertThat(failure(fetch(webFetch, server.url("/br")))).isEqualTo(server.url("/br")
                    + " sent its body encoded as 'br', which web_fetch cannot decode");
        }

        @Test
        void refuses_a_charset_the_jvm_does_not_know() throws Exception {
            server.page("/odd", "text/plain; charset=x-no-such-charset", "text");

            assertThat(failure(fetch(webFetch, server.url("/odd")))).isEqualTo(
                    "the server declared the charset 'x-no-such-charset', which web_fetch cannot decode");
        }
    }

    @Nested
    class Other_types {
        @ParameterizedTest
        @ValueSource(strings = {"image/png", "application/pdf", "application/octet-stream", "video/mp4",
            "application/zip"})
        void are_refused_by_name(String type) throws Exception {
            server.page("/file", type, "binary");

            assertThat(failure(fetch(webFetch, server.url("/file")))).isEqualTo(server.url("/file") + " is " + type
                    + ", which web_fetch cannot read; it reads HTML and text (plain, markdown, JSON, XML)");
        }

        @Test
        void are_refused_when_untyped_bytes_look_binary() throws Exception {
            server.on("/blob", exchange -> TestServer.send(exchange, 200, null, new byte[] {(byte) 0x89, 'P', 0, 0}));

            assertThat(failure(fetch(webFetch, server.url("/blob")))).isEqualTo(server.url("/blob")
                    + " sent no content type and its body looks binary; web_fetch reads HTML and text only");
        }
    }

    @Nested
    class Http_errors {
        @Test
        void name_the_status_and_what_it_means() throws Exception {
            server.on("/gone", exchange -> TestServer.send(exchange, 404, "text/html", "<h1>Not here</h1>".getBytes(UTF_8)));

            assertThat(failure(fetch(webFetch, server.url("/gone"))))
                    .isEqualTo(server.url("/gone") + " answered HTTP 404; the page does not exist");
        }

        @Test
        void include_a_redirect_without_a_location() throws Exception {
            server.on("/nowhere", exchange -> exchange.sendResponseHeaders(302, -1));

            assertThat(failure(fetch(webFetch, server.url("/nowhere"))))
                    .isEqualTo(server.url("/nowhere") + " answered HTTP 302 (a redirect) without a Location header");
        }

        @Test
        void say_why_nothing_answered() throws Exception {
            int port = server.port();
            server.close();

            assertThat(failure(fetch(webFetch, "http://127.0.0.1:" + port + "/")))
                    .startsWith("fetching http://127.0.0.1:" + port + "/ failed: could not connect to 127.0.0.1 port "
                            + port + " (127.0.0.1: Connection refused");
        }
    }

    @Nested
    class Request {
        @Test
        void carries_the_configured_user_agent() throws Exception {
            server.page("/ua", "text/plain", "ok");
            Tool custom = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.0/8\"], \"user-agent\": \"TestBot/1.0\"}");

            content(fetch(custom, server.url("/ua")));

            assertThat(server.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.userAgent()).isEqualTo("TestBot/1.0");
                assertThat(seen.method()).isEqualTo("GET");
                assertThat(seen.host()).isEqualTo("127.0.0.1:" + server.port());
            });
        }
    }
}
