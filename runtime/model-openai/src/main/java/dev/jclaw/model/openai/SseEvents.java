package dev.jclaw.model.openai;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events from a response body: {@code data:} lines joined until a blank line, comments and
 * unknown fields skipped, {@code event:} kept so that an {@code error} event can be told apart. Lines may end in
 * LF, CR LF or CR.
 *
 * <p>One event's data is capped: a provider that never ends a line cannot make the reader hold unbounded text.
 */
final class SseEvents {
    /** A chunk of a chat completion is a few hundred bytes; a megabyte is far beyond any honest one. */
    static final int MAX_EVENT_CHARS = 1 << 20;

    private final BufferedReader reader;

    /** One event: its type ({@code message} unless named) and its data. */
    record Event(String type, String data) {
    }

    SseEvents(InputStream body) {
        this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 16 * 1024);
    }

    /**
     * Reads the next event.
     *
     * @return the event, or null at the end of the stream
     * @throws IOException when the connection fails, or an event is larger than {@link #MAX_EVENT_CHARS}
     */
    Event next() throws IOException {
        StringBuilder data = null;
        String type = "message";
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(type, data.toString());
                }
                type = "message";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
            if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value.length());
                } else {
                    data.append('\n');
                }
                data.append(value);
                if (data.length() > MAX_EVENT_CHARS) {
                    throw new IOException("an event of the stream is larger than " + MAX_EVENT_CHARS + " characters");
                }
            } else if (field.equals("event")) {
                type = value;
            }
        }
        // a last event without its blank line still counts
        return data == null ? null : new Event(type, data.toString());
    }
}
