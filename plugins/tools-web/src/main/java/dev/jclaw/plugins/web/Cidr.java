package dev.jclaw.plugins.web;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A block of IP addresses, e.g. {@code 10.0.0.0/8} or {@code fc00::/7}; a single address is a block of one.
 * Immutable: the network bytes are copied in and never handed out.
 */
final class Cidr {
    private final byte[] network;
    private final int bits;
    private final String text;

    private Cidr(byte[] network, int bits, String text) {
        this.network = network;
        this.bits = bits;
        this.text = text;
    }

    /**
     * Parses {@code address} or {@code address/bits}, without any DNS lookup. IPv6 may be in brackets.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (!address.contains(":") && !WebUrl.isCanonicalIpv4(address)) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.ofLiteral(address).getAddress();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block", e);
        }
        int max = bytes.length * 8;
        int bits = max;
        if (slash >= 0) {
            String suffix = text.substring(slash + 1);
            if (!suffix.matches("[0-9]{1,3}") || Integer.parseInt(suffix) > max) {
                throw new IllegalArgumentException("'" + text + "' has a bad prefix length; use 0 to " + max);
            }
            bits = Integer.parseInt(suffix);
        }
        return new Cidr(mask(bytes, bits), bits, text);
    }

    /** A block from raw bytes, for the built-in tables where the text form would be ambiguous. */
    static Cidr of(String hexPrefix, int bits, String text) {
        byte[] bytes = Arrays.copyOf(HexFormat.of().parseHex(hexPrefix), 16);
        return new Cidr(mask(bytes, bits), bits, text);
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, bits), network);
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.clamp(bits - i * 8L, 0, 8);
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
