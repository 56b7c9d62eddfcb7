package dev.jclaw.server.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which {@code Host} and {@code Origin} headers a plugin endpoint answers to: what keeps a web page from reaching a
 * plugin on loopback, by DNS rebinding (its own name, resolved to 127.0.0.1, in {@code Host}) or by a cross-site
 * form or fetch (its own origin in {@code Origin}).
 *
 * <ul>
 *   <li>{@code Host} must name a loopback name, the listening address, or one of {@code server.allowed-hosts}
 *       (an entry without a port matches any port). Listening on a wildcard address with no allowed hosts
 *       configured turns this check off: such a server is meant to be reached by names it cannot know.</li>
 *   <li>A state-changing request or a WebSocket upgrade that carries an {@code Origin} must come from the same
 *       host and port as its {@code Host} header, or from one of {@code server.allowed-hosts} (a page on another
 *       port of loopback is another site). Clients that send no {@code Origin}
 *       (curl, scripts, servers) are not browsers acting for a page and pass.</li>
 * </ul>
 */
public final class HostPolicy {
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> hosts;
    private final List<String> origins;
    private final boolean anyHost;

    private HostPolicy(List<String> hosts, List<String> origins, boolean anyHost) {
        this.hosts = hosts;
        this.origins = origins;
        this.anyHost = anyHost;
    }

    /**
     * Creates the policy of a server.
     *
     * @param bindHost the address the server listens on
     * @param allowedHosts the configured extra host names, each optionally with {@code :port}
     * @return the policy
     */
    public static HostPolicy of(String bindHost, List<String> allowedHosts) {
        String bind = bindHost.contains(":") && !bindHost.startsWith("[") ? "[" + bindHost + "]" : bindHost;
        boolean wildcard = bind.equals("0.0.0.0") || bind.equals("[::]") || bind.equals("[0:0:0:0:0:0:0:0]");
        List<String> origins = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList();
        List<String> hosts = Stream.concat(Stream.of(bind.toLowerCase(Locale.ROOT)), origins.stream()).toList();
        return new HostPolicy(hosts, origins, wildcard && allowedHosts.isEmpty());
    }

    /**
     * Checks one request.
     *
     * @param host the {@code Host} header, if any
     * @param origin the {@code Origin} header, if any
     * @param checkOrigin whether the request changes state (or opens a WebSocket), so that its origin matters
     * @return why the request is refused, as one sentence, or empty when it may proceed
     */
    public Optional<String> refusal(Optional<String> host, Optional<String> origin, boolean checkOrigin) {
        String authority = host.map(h -> h.trim().toLowerCase(Locale.ROOT)).orElse("");
        if (!anyHost && authority.isEmpty()) {
            return Optional.of("a Host header is required");
        }
        if (!anyHost && !hostAllowed(authority)) {
            return Optional.of("requests for host '" + authority + "' are not served here; add the name to "
                    + "server.allowed-hosts to reach plugins by it");
        }
        if (checkOrigin && origin.isPresent()) {
            Optional<String> from = authority(origin.get());
            boolean same = from.isPresent() && (from.get().equals(authority) || matches(origins, from.get()));
            if (!same) {
                return Optional.of("cross-origin request from '" + origin.get() + "' refused; send it from a page "
                        + "of this server or without an Origin header");
            }
        }
        return Optional.empty();
    }

    private boolean hostAllowed(String authority) {
        return LOOPBACK.contains(name(authority)) || matches(hosts, authority);
    }

    /** Whether an entry names the authority: exactly, or by its host name when the entry has no port. */
    private static boolean matches(List<String> entries, String authority) {
        for (String entry : entries) {
            if (entry.equals(authority) || entry.equals(name(authority))) {
                return true;
            }
        }
        return false;
    }

    /** The host name without the port, keeping an IPv6 literal's brackets. */
    private static String name(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon > authority.lastIndexOf(']') ? authority.substring(0, colon) : authority;
    }

    /** {@code http://name:port} as {@code name:port}; the scheme's default port is left out, as in {@code Host}. */
    private static Optional<String> authority(String origin) {
        try {
            URI uri = new URI(origin.trim());
            if (uri.getHost() == null || uri.getScheme() == null) {
                return Optional.empty();
            }
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            return Optional.of(uri.getPort() == -1 || uri.getPort() == defaultPort ? host : host + ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
