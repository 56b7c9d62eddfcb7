package dev.jclaw.wire.openai;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads server-sent events from a response body: {@code data:} lines joined by {@code \n} until a blank line,
 * comments and unknown fields skipped, {@code event:} kept so that an {@code error} event can be told apart. Lines
 * may end in LF, CR LF or CR; frames may arrive in any pieces. A last event without its blank line still counts.
 *
 * <p>One event's data is capped: a server that never ends a line cannot make the reader hold unbounded text.
 * Not thread-safe: one reader per response.
 *
 * <pre>{@code
 * SseReader events = new SseReader(response.body());
 * for (Optional<SseReader.Event> e = events.next(); e.isPresent() && !e.get().done(); e = events.next()) {
 *     JsonObject chunk = Json.parseObject(e.get().data());
 * }
 * }</pre>
 */
public final class SseReader {
    /** A chat-completion chunk is a few hundred bytes; a megabyte is far beyond any honest one. */
    public static final int MAX_EVENT_CHARS = 1 << 20;

    private final Reader reader;
    private final int maxEventChars;
    /** A CR ended the last line; an LF right after it belongs to that line end. */
    private boolean pendingCr;
    private final char[] buffer = new char[16 * 1024];
    private int pos;
    private int limit;

    /**
     * One event.
     *
     * @param type its type: {@code message} unless an {@code event:} line named it
     * @param data its data, lines joined by {@code \n}
     */
    public record Event(String type, String data) {
        /** Checks the fields. */
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
        }

        /** @return whether this is OpenAI's {@code [DONE]} marker */
        public boolean done() {
            return data.equals(SseWriter.DONE);
        }
    }

    /**
     * A reader with the default cap, {@link #MAX_EVENT_CHARS}.
     *
     * @param body the response body, UTF-8
     */
    public SseReader(InputStream body) {
        this(body, MAX_EVENT_CHARS);
    }

    /**
     * A reader.
     *
     * @param body the response body, UTF-8
     * @param maxEventChars the most characters of one event's data
     */
    public SseReader(InputStream body, int maxEventChars) {
        this.reader = new InputStreamReader(body, StandardCharsets.UTF_8);
        this.maxEventChars = maxEventChars;
    }

    /**
     * Reads the next event.
     *
     * @return the event, or empty at the end of the stream
     * @throws IOException when the connection fails, or an event is larger than the cap
     */
    public Optional<Event> next() throws IOException {
        StringBuilder data = null;
        String type = "message";
        String line;
        while ((line = readLine()) != null) {
            if (line.isEmpty()) {
                if (data != null) {
                    return Optional.of(new Event(type, data.toString()));
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
                if (data.length() > maxEventChars) {
                    throw new IOException("an event of the stream is larger than " + maxEventChars + " characters");
                }
            } else if (field.equals("event")) {
                type = value;
            }
        }
        return data == null ? Optional.empty() : Optional.of(new Event(type, data.toString()));
    }

    /** A line ended by LF, CR LF or CR, as the SSE grammar has it; never longer than the cap. */
    private String readLine() throws IOException {
        StringBuilder line = null;
        while (true) {
            if (pos == limit) {
                limit = reader.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit < 0) {
                    limit = 0;
                    return line == null ? null : line.toString();
                }
            }
            if (pendingCr) {
                pendingCr = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (line == null) {
                line = new StringBuilder(pos - start);
            }
            line.append(buffer, start, pos - start);
            if (line.length() > maxEventChars + 16) {
                throw new IOException("a line of the stream is longer than " + maxEventChars + " characters");
            }
            if (pos < limit) {
                pendingCr = buffer[pos] == '\r';
                pos++;
                return line.toString();
            }
        }
    }
}
