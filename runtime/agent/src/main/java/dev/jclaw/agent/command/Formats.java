package dev.jclaw.agent.command;

import dev.jclaw.core.session.SessionHeader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How commands print times, ids and previews. */
final class Formats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Formats() {
    }

    static String time(Instant at) {
        return TIME.format(at);
    }

    /** @return the first eight characters of a conversation's id, enough to tell a person's conversations apart */
    static String shortId(SessionHeader header) {
        String id = header.id().value();
        return id.length() <= 8 ? id : id.substring(0, 8);
    }

    /** @return a count with its noun: {@code 1 tool}, {@code 2 tools}, {@code 0 entries} */
    static String count(long n, String one, String many) {
        return String.format(java.util.Locale.ROOT, "%,d %s", n, n == 1 ? one : many);
    }

    /** @return the text on one line, cut to {@code max} characters */
    static String preview(String text, int max) {
        String line = text.replace('\n', ' ').replace('\r', ' ').strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
