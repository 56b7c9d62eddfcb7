package dev.jclaw.plugins.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How URLs from the model and from Location headers are checked and normalized. */
class WebUrlTest {

    private static WebUrl valid(WebUrl.Parsed parsed) {
        return switch (parsed) {
            case WebUrl.Parsed.Valid valid -> valid.url();
            case WebUrl.Parsed.Invalid invalid -> fail("expected a valid URL, got: " + invalid.message());
        };
    }

    private static String invalid(WebUrl.Parsed parsed) {
        return switch (parsed) {
            case WebUrl.Parsed.Valid valid -> fail("expected an invalid URL, got " + valid.url());
            case WebUrl.Parsed.Invalid invalid -> invalid.message();
        };
    }

    @Nested
    class Parsing {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "HTTPS://Example.ORG                      | https://example.org/                         | example.org:443",
            "http://example.org:8080/a?b=c#frag       | http://example.org:8080/a?b=c                | example.org:8080",
            "https://example.org/a b/ü?q=x y          | https://example.org/a%20b/%C3%BC?q=x%20y     | example.org:443",
            "https://example.org/%7Euser/50%          | https://example.org/%7Euser/50%25            | example.org:443",
            "https://bücher.example/                  | https://xn--bcher-kva.example/               | xn--bcher-kva.example:443",
            "http://[2606:4700::1111]:8443/           | http://[2606:4700::1111]:8443/               | [2606:4700::1111]:8443",
            "https://example.org./x                   | https://example.org./x                       | example.org.:443",
            "  https://example.org/trimmed  \t        | https://example.org/trimmed                  | example.org:443",
        })
        void normalizes_what_it_accepts(String text, String normalized, String authority) {
            WebUrl url = valid(WebUrl.parse(text));

            assertThat(url.toString()).isEqualTo(normalized);
            assertThat(url.authority()).isEqualTo(authority);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "http://0x7f000001/  | the host '0x7f000001' is a numeric address in a non-standard form (integer, octal or hex);"
                    + " write an IPv4 address as four decimal numbers, such as 93.184.215.14",
            "http://1.2.3.4.5/   | the host '1.2.3.4.5' is a numeric address in a non-standard form (integer, octal or hex);"
                    + " write an IPv4 address as four decimal numbers, such as 93.184.215.14",
            "http://010.0.0.1/   | the host '010.0.0.1' is a numeric address in a non-standard form (integer, octal or hex);"
                    + " write an IPv4 address as four decimal numbers, such as 93.184.215.14",
            "http://[::1/        | the host '[::1' has no closing ']'",
            "http://[zz::1]/     | the host [zz::1] is not a valid IPv6 address",
            "http://a_b..c/      | the host 'a_b..c' is not a valid host name",
            "http://host:0/      | the port '0' is not a number from 1 to 65535",
            "http://@example.org/ | URLs with user info (user:password@host) are refused; pass the URL without it",
        })
        void refuses_what_it_cannot_fetch_safely(String text, String message) {
            assertThat(invalid(WebUrl.parse(text))).isEqualTo(message);
        }
    }

    @Nested
    class Redirects {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "/root?x=1               | https://example.org/root?x=1",
            "sibling                 | https://example.org/docs/sibling",
            "../up                   | https://example.org/up",
            "?page=2                 | https://example.org/docs/guide?page=2",
            "//cdn.example.net/a     | https://cdn.example.net/a",
            "http://other.example/#x | http://other.example/",
            "new page#top            | https://example.org/docs/new%20page",
        })
        void resolve_relative_locations_against_the_current_url(String location, String expected) {
            WebUrl base = valid(WebUrl.parse("https://example.org/docs/guide"));

            assertThat(valid(base.resolve(location)).toString()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "ftp://example.org/x     | web_fetch only fetches http and https URLs, not ftp:",
            "https://u:p@example.org | URLs with user info (user:password@host) are refused; pass the URL without it",
            "//2130706433/           | the host '2130706433' is a numeric address in a non-standard form (integer, octal"
                    + " or hex); write an IPv4 address as four decimal numbers, such as 93.184.215.14",
        })
        void are_checked_like_urls_from_the_model(String location, String message) {
            WebUrl base = valid(WebUrl.parse("https://example.org/docs/guide"));

            assertThat(invalid(base.resolve(location))).isEqualTo(message);
        }
    }
}
