package dev.jclaw.plugins.web;

import static dev.jclaw.plugins.web.Calls.content;
import static dev.jclaw.plugins.web.Calls.failure;
import static dev.jclaw.plugins.web.Calls.fetch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.api.tool.Tool;
import java.net.BindException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Local, private and link-local destinations are refused, directly, after redirects and after DNS answers. */
class WebFetchRefusalTest {

    private TestServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start().page("/", "text/plain", "secret");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Nested
    class Without_an_allow_list {

        private final Tool webFetch = Calls.webFetch("{}");

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:PORT/            | web_fetch refuses 127.0.0.1: it is a loopback address",
            "http://localhost:PORT/            | web_fetch refuses 'localhost': it resolves to",
            "http://[::ffff:127.0.0.1]:PORT/   | web_fetch refuses [::ffff:127.0.0.1]: it is a loopback address",
            "http://0.0.0.0:PORT/              | web_fetch refuses 0.0.0.0: it is an unspecified",
            "http://2130706433:PORT/           | the host '2130706433' is a numeric address in a non-standard form",
            "http://0177.0.0.1:PORT/           | the host '0177.0.0.1' is a numeric address in a non-standard form",
            "http://0x7f.0.0.1:PORT/           | the host '0x7f.0.0.1' is a numeric address in a non-standard form",
            "http://127.1:PORT/                | the host '127.1' is a numeric address in a non-standard form",
        })
        void refuses_a_loopback_server_that_is_really_there_without_contacting_it(String url, String expected)
                throws Exception {
            String message = failure(fetch(webFetch, url.replace("PORT", Integer.toString(server.port()))));

            assertThat(message).startsWith(expected);
            assertThat(server.seen()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "http://[::1]/                           | [::1]: it is a loopback address",
            "http://169.254.169.254/latest/meta-data | 169.254.169.254: it is a link-local address (cloud metadata",
            "http://10.0.0.1/                        | 10.0.0.1: it is a private address",
            "https://10.0.0.1/                       | 10.0.0.1: it is a private address",
            "http://172.16.5.4/                      | 172.16.5.4: it is a private address",
            "http://192.168.1.1/                     | 192.168.1.1: it is a private address",
            "http://100.64.0.1/                      | 100.64.0.1: it is a carrier-grade NAT",
            "http://224.0.0.251/                     | 224.0.0.251: it is a multicast address",
            "http://255.255.255.255/                 | 255.255.255.255: it is a reserved or broadcast address",
            "http://[::]/                            | [::]: it is an unspecified address",
            "http://[fe80::1]/                       | [fe80::1]: it is a link-local address",
            "http://[fd00::1]/                       | [fd00::1]: it is a private (unique local) address",
            "http://[::ffff:169.254.169.254]/        | it is a link-local address",
            "http://[64:ff9b::a00:1]/                | it is a NAT64 form of a private address 10.0.0.1",
        })
        void refuses_private_link_local_and_special_addresses_and_says_which(String url, String expected)
                throws Exception {
            Instant start = Instant.now();

            String message = failure(fetch(webFetch, url));

            assertThat(message).contains(expected).contains("allow-hosts");
            assertThat(Duration.between(start, Instant.now())).as("refused before any connection attempt")
                    .isLessThan(Duration.ofSeconds(2));
        }

        @ParameterizedTest
        @ValueSource(strings = {"file:///etc/passwd", "ftp://ftp.example.org/pub", "gopher://example.org/",
            "javascript:alert(1)", "data:text/html,hi"})
        void refuses_schemes_other_than_http_and_https(String url) throws Exception {
            assertThat(failure(fetch(webFetch, url))).startsWith("web_fetch only fetches http and https URLs, not ");
        }
    }

    @Nested
    class With_127_0_0_1_allowed {

        private final Tool webFetch = Calls.allowingLoopback();

        @Test
        void fetches_the_allowed_address() throws Exception {
            assertThat(content(fetch(webFetch, server.url("/")))).endsWith("secret");
        }

        @Test
        void refuses_a_redirect_to_the_cloud_metadata_address_without_following_it() throws Exception {
            server.redirect("/go", 302, "http://169.254.169.254/latest/meta-data/iam/");
            Instant start = Instant.now();

            String message = failure(fetch(webFetch, server.url("/go")));

            assertThat(message).isEqualTo(server.url("/go") + " redirected to"
                    + " http://169.254.169.254/latest/meta-data/iam/; web_fetch refuses 169.254.169.254: it is a link-local address (cloud metadata services answer there);"
                    + " only public addresses are fetched unless plugins.config.tools-web.allow-hosts lists the host");
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void refuses_a_redirect_to_another_loopback_server_that_is_listening() throws Exception {
            TestServer started;
            try {
                started = TestServer.startOn("127.0.0.2");
            } catch (BindException e) {
                Assumptions.abort("127.0.0.2 is not a loopback address here (Linux has all of 127/8)");
                return;
            }
            try (TestServer other = started.page("/", "text/plain", "other secret")) {
                server.redirect("/go", 307, other.url("/"));

                String message = failure(fetch(webFetch, server.url("/go")));

                assertThat(message).contains("web_fetch refuses 127.0.0.2: it is a loopback address");
                assertThat(other.seen()).isEmpty();
            }
        }

        @Test
        void refuses_a_redirect_to_a_non_http_scheme() throws Exception {
            server.redirect("/go", 301, "file:///etc/passwd");

            assertThat(failure(fetch(webFetch, server.url("/go"))))
                    .isEqualTo(server.url("/go") + " redirected to file:///etc/passwd; web_fetch only fetches"
                            + " http and https URLs, not file:");
        }

        @Test
        void refuses_a_redirect_to_a_numeric_trick() throws Exception {
            server.redirect("/go", 302, "http://0x7f000001:" + server.port() + "/");

            assertThat(failure(fetch(webFetch, server.url("/go")))).contains("non-standard form");
            assertThat(server.seen()).hasSize(1);
        }
    }

    @Nested
    class Dns_answers {

        @Test
        void refuses_a_name_that_resolves_to_a_private_address() throws Exception {
            Tool webFetch = Calls.webFetch("{}", host -> List.of(InetAddress.ofLiteral("10.1.2.3")));

            assertThat(failure(fetch(webFetch, "http://intranet.example/"))).startsWith(
                    "web_fetch refuses 'intranet.example': it resolves to 10.1.2.3, a private address");
        }

        @Test
        void refuses_a_name_when_any_of_its_addresses_is_not_public() throws Exception {
            Tool webFetch = Calls.webFetch("{}", host -> List.of(InetAddress.ofLiteral("93.184.215.14"),
                    InetAddress.ofLiteral("127.0.0.1")));

            assertThat(failure(fetch(webFetch, "https://mixed.example/"))).startsWith(
                    "web_fetch refuses 'mixed.example': it resolves to 127.0.0.1, a loopback address");
        }

        @Test
        void says_when_a_name_does_not_resolve() throws Exception {
            Tool webFetch = Calls.webFetch("{}", host -> {
                throw new java.net.UnknownHostException(host);
            });

            assertThat(failure(fetch(webFetch, "http://nowhere.example/")))
                    .isEqualTo("the host 'nowhere.example' does not resolve; check the URL");
        }

        @Test
        void connects_to_the_checked_address_and_never_asks_the_resolver_again() throws Exception {
            // a rebinding resolver: the checked answer first, a private address for anyone who asks again
            AtomicInteger lookups = new AtomicInteger();
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.1\"]}", host -> List.of(InetAddress.ofLiteral(
                    lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.9.9.9")));

            String page = content(fetch(webFetch, "http://app.test:" + server.port() + "/"));

            assertThat(page).isEqualTo("URL: http://app.test:" + server.port() + "/\n\nsecret");
            assertThat(lookups).hasValue(1);
            assertThat(server.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.host()).isEqualTo("app.test:" + server.port());
                assertThat(seen.target()).as("origin-form request target").isEqualTo("/");
            });
        }

        @Test
        void lets_an_allowed_host_name_reach_whatever_it_resolves_to() throws Exception {
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"App.Test\"]}",
                    host -> List.of(InetAddress.ofLiteral("127.0.0.1")));

            assertThat(content(fetch(webFetch, "http://app.test:" + server.port() + "/"))).endsWith("secret");
        }

        @Test
        void checks_each_redirect_target_with_a_fresh_lookup() throws Exception {
            server.redirect("/go", 302, "http://metadata.internal/computeMetadata/v1/");
            Tool webFetch = Calls.webFetch("{\"allow-hosts\": [\"127.0.0.1\"]}", host -> List.of(InetAddress.ofLiteral(
                    host.equals("app.test") ? "127.0.0.1" : "169.254.169.254")));

            assertThat(failure(fetch(webFetch, "http://app.test:" + server.port() + "/go"))).contains(
                    "web_fetch refuses 'metadata.internal': it resolves to 169.254.169.254, a link-local address");
        }
    }
}
