package dev.jclaw.wire.openai;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes server-sent events as OpenAI streams them: {@code data: <json>} and a blank line per event, and
 * {@code data: [DONE]} at the end. Data with line breaks becomes several {@code data:} lines (the reader joins
 * them with {@code \n}); chunk JSON has none. Each call flushes unless the writer batches. Not thread-safe: one
 * writer per response.
 *
 * <pre>{@code
 * SseWriter sse = new SseWriter(exchange.getResponseBody());
 * sse.event(stream.content("Hello"));
 * sse.done();
 * }</pre>
 */
public final class SseWriter {
    /** The last event of an OpenAI stream. */
    public static final String DONE = "[DONE]";
    /** The content type of an event stream. */
    public static final String CONTENT_TYPE = "text/event-stream";

    private final OutputStream out;
    private final boolean flushEach;

    /**
     * A writer that flushes after each event, so each reaches the client at once.
     *
     * @param out the response body
     */
    public SseWriter(OutputStream out) {
        this(out, true);
    }

    /**
     * A writer.
     *
     * @param out the response body
     * @param flushEach whether to flush after each event; false batches until {@link #flush()} or {@link #done()}
     */
    public SseWriter(OutputStream out, boolean flushEach) {
        this.out = Objects.requireNonNull(out, "out");
        this.flushEach = flushEach;
    }

    /**
     * Frames one event's data.
     *
     * @param data the data
     * @return the bytes of the event, blank line included
     */
    public static byte[] frame(String data) {
        StringBuilder s = new StringBuilder(data.length() + 8);
        int start = 0;
        for (int i = 0; i <= data.length(); i++) {
            boolean end = i == data.length();
            char c = end ? 0 : data.charAt(i);
            if (end || c == '\n' || c == '\r') {
                s.append("data: ").append(data, start, i).append('\n');
                if (!end && c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return s.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes one event.
     *
     * @param data the data, e.g. a chunk's JSON
     * @throws IOException when the client is gone
     */
    public void event(String data) throws IOException {
        out.write(frame(data));
        if (flushEach) {
            out.flush();
        }
    }

    /**
     * Writes a comment line, which clients ignore: a keep-alive while the answer is slow to come.
     *
     * @param text the comment, without line breaks
     * @throws IOException when the client is gone
     */
    public void comment(String text) throws IOException {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a comment must be one line");
        }
        out.write((": " + text + "\n\n").getBytes(StandardCharsets.UTF_8));
        if (flushEach) {
            out.flush();
        }
    }

    /**
     * Writes {@code data: [DONE]} and flushes.
     *
     * @throws IOException when the client is gone
     */
    public void done() throws IOException {
        out.write(frame(DONE));
        out.flush();
    }

    /**
     * Flushes what was written.
     *
     * @throws IOException when the client is gone
     */
    public void flush() throws IOException {
        out.flush();
    }
}
