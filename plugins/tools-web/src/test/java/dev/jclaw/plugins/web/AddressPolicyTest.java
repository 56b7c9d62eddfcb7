package dev.jclaw.plugins.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses count as public, and how allow-hosts entries match. */
class AddressPolicyTest {

    @Nested
    class Public_addresses {
        @ParameterizedTest
        @ValueSource(strings = {"8.8.8.8", "93.184.215.14", "1.1.1.1", "100.63.255.255", "100.128.0.0", "172.15.255.255",
            "172.32.0.0", "169.253.255.255", "223.255.255.255", "2606:4700:4700::1111", "2a00:1450:4001:82a::200e",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
        void are_allowed(String address) {
            assertThat(AddressPolicy.refusal(InetAddress.ofLiteral(address))).isEmpty();
        }
    }

    @Nested
    class Special_addresses {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "127.0.0.1         | a loopback address",
            "127.255.255.254   | a loopback address",
            "0.0.0.0           | an unspecified ('this network') address",
            "10.255.0.1        | a private address",
            "172.31.255.255    | a private address",
            "192.168.0.1       | a private address",
            "100.64.0.1        | a carrier-grade NAT (shared) address",
            "100.127.255.255   | a carrier-grade NAT (shared) address",
            "169.254.169.254   | a link-local address (cloud metadata services answer there)",
            "192.0.2.1         | a documentation address",
            "198.18.0.1        | a benchmarking address",
            "239.255.255.250   | a multicast address",
            "255.255.255.255   | a reserved or broadcast address",
            "::1               | a loopback address",
            "::                | an unspecified address",
            "::127.0.0.1       | an IPv4-compatible address (deprecated)",
            "fe80::1           | a link-local address",
            "febf::1           | a link-local address",
            "fec0::1           | a site-local address",
            "fc00::1           | a private (unique local) address",
            "fdff::1           | a private (unique local) address",
            "ff02::1           | a multicast address",
            "2001:db8::1       | a documentation address",
            "2001::1           | an IETF special-purpose address (Teredo, benchmarking, ORCHID)",
            "64:ff9b::7f00:1   | a NAT64 form of a loopback address 127.0.0.1",
            "64:ff9b:1::1      | a local-use NAT64 address",
            "2002:a9fe:a9fe::1 | a 6to4 form of a link-local address (cloud metadata services answer there) 169.254.169.254",
            "100::1            | a discard-only address",
            "4000::1           | a reserved address (not global unicast)",
        })
        void are_refused_with_their_kind(String address, String kind) {
            assertThat(AddressPolicy.refusal(InetAddress.ofLiteral(address))).contains(kind);
        }

        @Test
        void include_the_ipv4_mapped_forms_java_turns_into_ipv4() {
            assertThat(AddressPolicy.refusal(InetAddress.ofLiteral("::ffff:10.0.0.1"))).contains("a private address");
        }
    }

    @Nested
    class Allow_list {
        private final AllowList allowList = AllowList.parse(List.of("Intranet.Example.", "10.0.0.0/8", "[fd00::1]",
                "192.168.1.7"));

        @Test
        void matches_host_names_exactly_and_ignoring_case_and_a_trailing_dot() {
            assertThat(allowList.allowsName("intranet.example", 443)).isTrue();
            assertThat(allowList.allowsName("INTRANET.example.", 443)).isTrue();
            assertThat(allowList.allowsName("www.intranet.example", 443)).isFalse();
        }

        @Test
        void matches_addresses_by_block() {
            assertThat(allowList.allowsAddress(InetAddress.ofLiteral("10.200.3.4"), 443)).isTrue();
            assertThat(allowList.allowsAddress(InetAddress.ofLiteral("fd00::1"), 443)).isTrue();
            assertThat(allowList.allowsAddress(InetAddress.ofLiteral("fd00::2"), 443)).isFalse();
            assertThat(allowList.allowsAddress(InetAddress.ofLiteral("192.168.1.7"), 443)).isTrue();
            assertThat(allowList.allowsAddress(InetAddress.ofLiteral("192.168.1.8"), 443)).isFalse();
        }

        @Test
        void an_entry_with_a_port_allows_that_port_only() {
            AllowList ports = AllowList.parse(List.of("wiki.corp:8443", "10.0.0.5:8080", "[fd00::1]:8080",
                    "intranet.example"));

            assertThat(ports.allowsName("wiki.corp", 8443)).isTrue();
            assertThat(ports.allowsName("WIKI.corp.", 8443)).isTrue();
            assertThat(ports.allowsName("wiki.corp", 443)).isFalse();
            assertThat(ports.allowsName("intranet.example", 8443)).isTrue();
            assertThat(ports.allowsAddress(InetAddress.ofLiteral("10.0.0.5"), 8080)).isTrue();
            assertThat(ports.allowsAddress(InetAddress.ofLiteral("10.0.0.5"), 80)).isFalse();
            assertThat(ports.allowsAddress(InetAddress.ofLiteral("fd00::1"), 8080)).isTrue();
            assertThat(ports.allowsAddress(InetAddress.ofLiteral("fd00::1"), 443)).isFalse();
            assertThat(ports.describe()).containsExactly("intranet.example", "10.0.0.5:8080", "[fd00::1]:8080",
                    "wiki.corp:8443");
        }

        @Test
        void an_ipv6_address_without_brackets_is_an_address_not_a_host_and_port() {
            AllowList v6 = AllowList.parse(List.of("fd00::1:80"));

            assertThat(v6.allowsAddress(InetAddress.ofLiteral("fd00::1:80"), 443)).isTrue();
            assertThat(v6.byPort()).isEmpty();
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "wiki.corp:0      | 'wiki.corp:0' has a bad port; use a number from 1 to 65535",
            "wiki.corp:65536  | 'wiki.corp:65536' has a bad port; use a number from 1 to 65535",
            "wiki.corp:http   | 'wiki.corp:http' has a bad port; use a number from 1 to 65535",
            "exa mple.org:80  | 'exa mple.org' is neither a host name nor an IP address or CIDR block",
            "10.0.0.0/33     | '10.0.0.0/33' has a bad prefix length; use 0 to 32",
            "0177.0.0.1      | '0177.0.0.1' is not an IP address or CIDR block",
            "2130706433      | '2130706433' is not an IP address or CIDR block",
            "fd00::zz/8      | 'fd00::zz/8' is not an IP address or CIDR block",
            "exa mple.org    | 'exa mple.org' is neither a host name nor an IP address or CIDR block",
        })
        void refuses_entries_that_are_neither_names_nor_blocks(String entry, String message) {
            assertThatThrownBy(() -> AllowList.parse(List.of(entry))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
        }
    }
}
