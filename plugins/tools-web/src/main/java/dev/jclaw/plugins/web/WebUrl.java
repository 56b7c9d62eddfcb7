package dev.jclaw.plugins.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked http or https URL: no user info, a host that is a DNS name, a dotted-decimal IPv4 address or a
 * bracketed IPv6 address, at most {@value #MAX_LENGTH} characters, no fragment. Numeric hosts in other forms
 * ({@code 2130706433}, {@code 0177.0.0.1}, {@code 0x7f.1}) are refused rather than guessed at: resolvers read them
 * differently, and a guard must not disagree with the resolver about where a URL leads. Characters a URL may not
 * hold (spaces, non-ASCII) are percent-encoded, and non-ASCII host names are converted with IDNA.
 *
 * @param uri the normalized URI, without fragment
 * @param host the host as in the URI: lower case, IPv6 in brackets
 * @param port the port, explicit or the scheme's default
 */
record WebUrl(URI uri, String host, int port) {

    static final int MAX_LENGTH = 2048;

    /** The outcome of parsing: a usable URL or one sentence saying why not. */
    sealed interface Parsed {
        /** @param url the URL */
        record Valid(WebUrl url) implements Parsed {
        }

        /** @param message why the URL cannot be fetched */
        record Invalid(String message) implements Parsed {
        }
    }

    // RFC 3986, appendix B
    private static final Pattern PARTS = Pattern.compile("^(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\\?([^#]*))?(?:#.*)?$",
            Pattern.DOTALL);
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)", Pattern.CASE_INSENSITIVE);
    /** Characters kept as they are; anything else is percent-encoded as UTF-8. */
    private static final String KEEP = "-._~:/?#@!$&'()*+,;=";

    /** Parses an absolute URL given by the model. */
    static Parsed parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            return invalid("the URL is empty; pass an absolute http or https URL");
        }
        if (trimmed.length() > MAX_LENGTH) {
            return invalid("the URL is " + trimmed.length() + " characters long; web_fetch takes URLs of at most "
                    + MAX_LENGTH);
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return invalid("the URL contains a control character at index " + i);
            }
        }
        Matcher parts = PARTS.matcher(trimmed);
        if (!parts.matches() || parts.group(1) == null || !SCHEME.matcher(parts.group(1)).matches()) {
            return invalid("'" + shorten(trimmed) + "' is not an absolute URL; start it with https:// or http://");
        }
        String scheme = parts.group(1).toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return invalid("web_fetch only fetches http and https URLs, not " + scheme + ":");
        }
        String authority = parts.group(2);
        if (authority == null || authority.isEmpty()) {
            return invalid("'" + shorten(trimmed) + "' has no host; write it as " + scheme + "://host/path");
        }
        if (authority.contains("@")) {
            return invalid("URLs with user info (user:password@host) are refused; pass the URL without it");
        }
        String path = parts.group(3).isEmpty() ? "/" : encode(parts.group(3));
        String query = parts.group(4) == null ? "" : "?" + encode(parts.group(4));
        return authority(scheme, authority, path + query);
    }

    /** Resolves a redirect's {@code Location} against this URL and checks the result as {@link #parse} does. */
    Parsed resolve(String location) {
        String reference = location.strip();
        if (reference.length() > MAX_LENGTH) {
            return invalid("the redirect target is " + reference.length() + " characters long; at most "
                    + MAX_LENGTH + " are followed");
        }
        Matcher parts = PARTS.matcher(reference);
        if (parts.matches() && parts.group(1) != null) {
            return parse(reference);
        }
        try {
            String encoded = encode(reference);
            int hash = encoded.indexOf('#');
            String relative = hash < 0 ? encoded : encoded.substring(0, hash);
            if (relative.isEmpty() || relative.startsWith("?")) {
                // RFC 3986 keeps the base path here; URI.resolve, written to RFC 2396, would drop its last segment
                String base = uri.toString();
                int query = base.indexOf('?');
                return parse((query < 0 ? base : base.substring(0, query)) + relative);
            }
            return parse(uri.resolve(new URI(relative)).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return invalid("the redirect target '" + shorten(reference) + "' is not a valid URL");
        }
    }

    private static Parsed authority(String scheme, String authority, String pathAndQuery) {
        String host;
        String portText = "";
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                return invalid("the host '" + authority + "' has no closing ']'");
            }
            host = authority.substring(0, close + 1).toLowerCase(Locale.ROOT);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                return invalid("'" + authority + "' is not a valid host and port");
            }
            portText = rest.isEmpty() ? "" : rest.substring(1);
            try {
                InetAddress.ofLiteral(host.substring(1, host.length() - 1));
            } catch (IllegalArgumentException e) {
                return invalid("the host " + host + " is not a valid IPv6 address");
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? "" : authority.substring(colon + 1);
            try {
                host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return invalid("the host '" + shorten(host) + "' is not a valid host name");
            }
            if (looksNumeric(host) && !isCanonicalIpv4(host)) {
                return invalid("the host '" + host + "' is a numeric address in a non-standard form (integer, octal"
                        + " or hex); write an IPv4 address as four decimal numbers, such as 93.184.215.14");
            }
            if (!isCanonicalIpv4(host) && !isHostName(host)) {
                return invalid("the host '" + shorten(host) + "' is not a valid host name");
            }
        }
        int port = scheme.equals("https") ? 443 : 80;
        if (!portText.isEmpty()) {
            if (!portText.matches("[0-9]{1,5}") || Integer.parseInt(portText) < 1 || Integer.parseInt(portText) > 65535) {
                return invalid("the port '" + portText + "' is not a number from 1 to 65535");
            }
            port = Integer.parseInt(portText);
        }
        String explicitPort = portText.isEmpty() ? "" : ":" + port;
        try {
            URI uri = new URI(scheme + "://" + host + explicitPort + pathAndQuery);
            if (uri.getHost() == null) {
                return invalid("'" + shorten(uri.toString()) + "' has no host Java can parse");
            }
            return new Parsed.Valid(new WebUrl(uri, host, port));
        } catch (URISyntaxException e) {
            return invalid("'" + shorten(scheme + "://" + host + pathAndQuery) + "' is not a valid URL: "
                    + e.getReason());
        }
    }

    /** The host as a resolver takes it: without IPv6 brackets or a trailing dot. */
    String lookupHost() {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
    }

    /** The address when the host is an IP literal; such a host needs no lookup. */
    Optional<InetAddress> ipLiteral() {
        return host.startsWith("[") || isCanonicalIpv4(host)
                ? Optional.of(InetAddress.ofLiteral(lookupHost()))
                : Optional.empty();
    }

    boolean isHttps() {
        return uri.getScheme().equals("https");
    }

    /** {@code host:port} as a proxy is asked to {@code CONNECT} to it. */
    String authority() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return uri.toString();
    }

    static boolean isCanonicalIpv4(String host) {
        return IPV4.matcher(host).matches();
    }

    /** Whether the last label is a number, which makes the whole host an IPv4 address in WHATWG URL parsing. */
    static boolean looksNumeric(String host) {
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = bare.substring(bare.lastIndexOf('.') + 1);
        return !last.isEmpty() && NUMERIC_LABEL.matcher(last).matches();
    }

    static boolean isHostName(String host) {
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (bare.isEmpty() || bare.length() > 253) {
            return false;
        }
        for (String label : bare.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Percent-encodes what a URL may not hold, keeping valid escapes and reserved characters. */
    private static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        byte[] bytes = text.getBytes(UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean escape = b == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2]);
            if (escape || (b < 0x80 && (Character.isLetterOrDigit(b) || KEEP.indexOf(b) >= 0))) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }

    private static Parsed invalid(String message) {
        return new Parsed.Invalid(message);
    }
}
