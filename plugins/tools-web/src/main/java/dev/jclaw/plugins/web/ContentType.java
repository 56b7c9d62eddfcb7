package dev.jclaw.plugins.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A response's {@code Content-Type}: the media type, lower case without parameters, and the {@code charset}
 * parameter, empty when absent. Decides what web_fetch can read: HTML becomes markdown, text is passed on, and
 * anything else (images, PDF, archives, octet streams) is refused by name before its body is read.
 *
 * @param mediaType e.g. {@code text/html}; empty when the server sent none
 * @param charsetParameter e.g. {@code utf-8}; empty when absent
 */
record ContentType(String mediaType, String charsetParameter) {

    /** What to do with a body. */
    enum Kind {
        /** Converted to markdown. */
        HTML,
        /** Passed on as text. */
        TEXT,
        /** No type given: decided by looking at the bytes. */
        UNKNOWN,
        /** Not readable as text; refused. */
        UNREADABLE
    }

    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml",
            "application/javascript", "application/ecmascript", "application/x-javascript", "application/yaml",
            "application/x-yaml", "application/toml", "application/x-ndjson", "application/csv",
            "application/x-sh", "application/sql", "application/graphql");

    static ContentType parse(Optional<String> header) {
        if (header.isEmpty() || header.get().isBlank()) {
            return new ContentType("", "");
        }
        String[] parts = header.get().split(";");
        String charset = "";
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                charset = unquote(pair[1].strip());
            }
        }
        return new ContentType(parts[0].strip().toLowerCase(Locale.ROOT), charset);
    }

    Kind kind() {
        if (mediaType.isEmpty()) {
            return Kind.UNKNOWN;
        }
        if (mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml")) {
            return Kind.HTML;
        }
        if (mediaType.startsWith("text/") || TEXT_TYPES.contains(mediaType)
                || mediaType.endsWith("+json") || mediaType.endsWith("+xml")) {
            return Kind.TEXT;
        }
        return Kind.UNREADABLE;
    }

    Optional<String> charset() {
        return charsetParameter.isEmpty() ? Optional.empty() : Optional.of(charsetParameter);
    }

    /**
     * Decides what an untyped body is from its first bytes: HTML when it starts like a document, text when it has
     * no NUL byte, unreadable otherwise.
     */
    static Kind sniff(byte[] body) {
        int probe = Math.min(body.length, 8 * 1024);
        for (int i = 0; i < probe; i++) {
            if (body[i] == 0) {
                return Kind.UNREADABLE;
            }
        }
        String start = new String(body, 0, Math.min(probe, 1024), ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("\u00ef\u00bb\u00bf")) { // a UTF-8 byte order mark, read as Latin-1
            start = start.substring(3).stripLeading();
        }
        boolean html = start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head")
                || start.startsWith("<body") || (start.startsWith("<!--") && start.contains("<html"));
        return html ? Kind.HTML : Kind.TEXT;
    }

    @Override
    public String toString() {
        return mediaType.isEmpty() ? "(no content type)" : mediaType;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
