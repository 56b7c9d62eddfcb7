package dev.jclaw.plugins.web;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Says whether an address is public: a global unicast address, not one of the special-purpose blocks of the IANA
 * registries (RFC 6890 and successors). Everything else is refused: loopback, private, link-local (where cloud
 * metadata services answer), carrier-grade NAT, unspecified, multicast, documentation, reserved, and IPv6 forms
 * that embed such an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4). Stateless.
 */
final class AddressPolicy {

    private record Block(Cidr range, String kind) {
    }

    private static final List<Block> IPV4 = List.of(
            v4("0.0.0.0/8", "an unspecified ('this network') address"),
            v4("10.0.0.0/8", "a private address"),
            v4("100.64.0.0/10", "a carrier-grade NAT (shared) address"),
            v4("127.0.0.0/8", "a loopback address"),
            v4("169.254.0.0/16", "a link-local address (cloud metadata services answer there)"),
            v4("172.16.0.0/12", "a private address"),
            v4("192.0.0.0/24", "an IETF protocol address"),
            v4("192.0.2.0/24", "a documentation address"),
            v4("192.88.99.0/24", "a 6to4 relay address"),
            v4("192.168.0.0/16", "a private address"),
            v4("198.18.0.0/15", "a benchmarking address"),
            v4("198.51.100.0/24", "a documentation address"),
            v4("203.0.113.0/24", "a documentation address"),
            v4("224.0.0.0/4", "a multicast address"),
            v4("240.0.0.0/4", "a reserved or broadcast address"));

    private static final List<Block> IPV6 = List.of(
            v6("0064ff9b0001", 48, "a local-use NAT64 address"),
            v6("0100", 64, "a discard-only address"),
            v6("20010db8", 32, "a documentation address"),
            v6("2001", 23, "an IETF special-purpose address (Teredo, benchmarking, ORCHID)"),
            v6("fc", 7, "a private (unique local) address"),
            v6("fe80", 10, "a link-local address"),
            v6("fec0", 10, "a site-local address"),
            v6("ff", 8, "a multicast address"));

    private static final Cidr MAPPED = Cidr.of("00000000000000000000ffff", 96, "::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.of("", 96, "::/96");
    private static final Cidr NAT64 = Cidr.of("0064ff9b", 96, "64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002", 16, "2002::/16");
    private static final Cidr GLOBAL_UNICAST = Cidr.of("20", 3, "2000::/3");

    private AddressPolicy() {
    }

    /**
     * Why an address is not public, as a noun phrase such as "a loopback address"; empty when it is public.
     *
     * @param address the address
     * @return the reason to refuse it, or empty
     */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? ipv4(bytes) : ipv6(bytes);
    }

    private static Optional<String> ipv4(byte[] bytes) {
        return IPV4.stream().filter(b -> b.range().contains(bytes)).findFirst().map(Block::kind);
    }

    private static Optional<String> ipv6(byte[] bytes) {
        if (MAPPED.contains(bytes)) {
            return embedded(bytes, 12, "an IPv4-mapped form of ");
        }
        if (COMPATIBLE.contains(bytes)) {
            if (bytes[15] == 0 && allZero(bytes, 12, 15)) {
                return Optional.of("an unspecified address");
            }
            if (bytes[15] == 1 && allZero(bytes, 12, 15)) {
                return Optional.of("a loopback address");
            }
            // deprecated; whatever it embeds, nothing public is reached this way
            return Optional.of("an IPv4-compatible address (deprecated)");
        }
        if (NAT64.contains(bytes)) {
            return embedded(bytes, 12, "a NAT64 form of ");
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return embedded(bytes, 2, "a 6to4 form of ");
        }
        Optional<String> special = IPV6.stream().filter(b -> b.range().contains(bytes)).findFirst().map(Block::kind);
        if (special.isPresent() || GLOBAL_UNICAST.contains(bytes)) {
            return special;
        }
        return Optional.of("a reserved address (not global unicast)");
    }

    private static Optional<String> embedded(byte[] bytes, int from, String form) {
        byte[] v4 = Arrays.copyOfRange(bytes, from, from + 4);
        return ipv4(v4).map(kind -> form + kind + " " + dotted(v4));
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String dotted(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    private static Block v4(String cidr, String kind) {
        return new Block(Cidr.parse(cidr), kind);
    }

    private static Block v6(String hexPrefix, int bits, String kind) {
        return new Block(Cidr.of(hexPrefix, bits, hexPrefix + "/" + bits), kind);
    }
}
