package dev.jclaw.plugins.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hosts an operator lets {@code web_fetch} reach although they are not public ({@code allow-hosts}): host names,
 * matched exactly and case-insensitively, and IP addresses or CIDR blocks, matched against every address a host
 * resolves to. Immutable.
 *
 * @param hostNames lower-case host names without a trailing dot
 * @param blocks address blocks
 */
record AllowList(Set<String> hostNames, List<Cidr> blocks) {

    static final AllowList NONE = new AllowList(Set.of(), List.of());

    AllowList {
        hostNames = Set.copyOf(hostNames);
        blocks = List.copyOf(blocks);
    }

    /**
     * Reads the entries of {@code allow-hosts}.
     *
     * @throws IllegalArgumentException naming the entry that is neither a host name nor an address block
     */
    static AllowList parse(List<String> entries) {
        Set<String> names = new TreeSet<>();
        List<Cidr> blocks = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            if (entry.contains(":") || entry.contains("/") || entry.startsWith("[") || WebUrl.looksNumeric(entry)) {
                blocks.add(Cidr.parse(entry)); // a non-canonical numeric form fails here, as it should
            } else if (WebUrl.isHostName(normalize(entry))) {
                names.add(normalize(entry));
            } else {
                throw new IllegalArgumentException("'" + raw + "' is neither a host name nor an IP address or CIDR"
                        + " block");
            }
        }
        return new AllowList(names, blocks);
    }

    boolean allowsName(String host) {
        return hostNames.contains(normalize(host));
    }

    boolean allowsAddress(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    private static String normalize(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
