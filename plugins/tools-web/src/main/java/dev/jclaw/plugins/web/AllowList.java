package dev.jclaw.plugins.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hosts an operator lets {@code web_fetch} reach although they are not public ({@code allow-hosts}): host names,
 * matched exactly and case-insensitively, and IP addresses or CIDR blocks, matched against every address a host
 * resolves to. An entry with a port ({@code wiki.corp:8443}, {@code 10.0.0.5:8080}, {@code [fd00::1]:8080}) allows
 * that port only; without one, every port. Immutable.
 *
 * @param hostNames lower-case host names without a trailing dot, on any port
 * @param blocks address blocks, on any port
 * @param byPort the entries that name a port, by port
 */
record AllowList(Set<String> hostNames, List<Cidr> blocks, Map<Integer, AllowList> byPort) {

    static final AllowList NONE = new AllowList(Set.of(), List.of(), Map.of());

    AllowList {
        hostNames = Collections.unmodifiableSet(new TreeSet<>(hostNames));
        blocks = List.copyOf(blocks);
        byPort = Collections.unmodifiableMap(new TreeMap<>(byPort)); // in port order, for describe()
    }

    /**
     * Reads the entries of {@code allow-hosts}.
     *
     * @throws IllegalArgumentException naming the entry that is neither a host name nor an address block, or whose
     *                                  port is not one
     */
    static AllowList parse(List<String> entries) {
        Set<String> names = new TreeSet<>();
        List<Cidr> blocks = new ArrayList<>();
        Map<Integer, List<String>> withPort = new TreeMap<>();
        for (String raw : entries) {
            String entry = raw.strip();
            int colon = portColon(entry);
            if (colon >= 0) {
                int port = port(raw, entry.substring(colon + 1));
                withPort.computeIfAbsent(port, p -> new ArrayList<>()).add(entry.substring(0, colon));
            } else if (entry.contains(":") || entry.contains("/") || entry.startsWith("[")
                    || WebUrl.looksNumeric(entry)) {
                blocks.add(Cidr.parse(entry)); // a non-canonical numeric form fails here, as it should
            } else if (WebUrl.isHostName(normalize(entry))) {
                names.add(normalize(entry));
            } else {
                throw new IllegalArgumentException("'" + raw + "' is neither a host name nor an IP address or CIDR"
                        + " block");
            }
        }
        Map<Integer, AllowList> byPort = new TreeMap<>();
        withPort.forEach((port, hosts) -> byPort.put(port, parse(hosts)));
        return new AllowList(names, blocks, byPort);
    }

    /**
     * Where the port of {@code host:port} or {@code [v6]:port} starts, or -1: an IPv6 address has several colons, and
     * a CIDR block ({@code /}) takes no port.
     */
    private static int portColon(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon < 0 || entry.contains("/")) {
            return -1;
        }
        boolean bracketed = entry.startsWith("[") && colon > 0 && entry.charAt(colon - 1) == ']';
        return bracketed || entry.indexOf(':') == colon ? colon : -1;
    }

    private static int port(String raw, String text) {
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65_535) {
            throw new IllegalArgumentException("'" + raw + "' has a bad port; use a number from 1 to 65535");
        }
        return Integer.parseInt(text);
    }

    boolean allowsName(String host, int port) {
        return hostNames.contains(normalize(host)) || forPort(port).hostNames.contains(normalize(host));
    }

    boolean allowsAddress(InetAddress address, int port) {
        return blocks.stream().anyMatch(block -> block.contains(address))
                || forPort(port).blocks.stream().anyMatch(block -> block.contains(address));
    }

    /** The entries as written in the configuration, for the start-up log line. */
    List<String> describe() {
        List<String> entries = new ArrayList<>(hostNames);
        blocks.forEach(block -> entries.add(block.toString()));
        byPort.forEach((port, list) -> list.describe().forEach(host ->
                entries.add((host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port)));
        return entries;
    }

    private AllowList forPort(int port) {
        return byPort.getOrDefault(port, NONE);
    }

    private static String normalize(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
