package dev.jclaw.plugins.files;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Reads lines from a character stream without ever holding more than a bounded prefix of one line, so that a
 * file with one 2 GB line costs as little memory as a file of short lines.
 *
 * <p>Lines end at {@code \n}; a {@code \r} right before it is dropped. The last line needs no terminator, and an
 * empty stream has no lines. Not thread-safe; one reader serves one call.
 */
final class LineReader {

    /**
     * One line, possibly cut.
     *
     * @param text the kept prefix, without the line terminator
     * @param cutChars how many characters of the line were not kept
     */
    record Line(String text, long cutChars) {
        Line {
            Objects.requireNonNull(text, "text");
        }
    }

    private final Reader in;
    private final char[] buffer = new char[16 * 1024];
    private int pos;
    private int end;
    private long consumed;

    LineReader(Reader in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /**
     * Reads the next line, keeping at most {@code keep} characters of it.
     *
     * @param keep the most characters to keep; the rest is counted and dropped
     * @return the line, or {@code null} at the end of the stream
     * @throws IOException when reading fails
     */
    Line next(int keep) throws IOException {
        if (!fill()) {
            return null;
        }
        StringBuilder kept = new StringBuilder(Math.min(keep, 256));
        long length = 0;
        char last = 0;
        while (fill()) {
            int newline = indexOfNewline();
            int stop = newline < 0 ? end : newline;
            int room = (int) Math.min(stop - pos, Math.max(0, keep - length));
            kept.append(buffer, pos, room);
            length += stop - pos;
            if (stop > pos) {
                last = buffer[stop - 1];
            }
            consumed += (newline < 0 ? end : newline + 1) - pos;
            pos = newline < 0 ? end : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        if (last == '\r') {
            length--;
            if (kept.length() > length) {
                kept.setLength((int) length);
            }
        }
        // never end a cut line on half a surrogate pair
        if (kept.length() < length && !kept.isEmpty() && Character.isHighSurrogate(kept.charAt(kept.length() - 1))) {
            kept.setLength(kept.length() - 1);
        }
        return new Line(kept.toString(), length - kept.length());
    }

    /**
     * Skips the next line without keeping any of it.
     *
     * @return {@code false} at the end of the stream
     * @throws IOException when reading fails
     */
    boolean skip() throws IOException {
        return next(0) != null;
    }

    /**
     * Returns how many characters were consumed so far, line terminators included.
     *
     * @return the count
     */
    long consumed() {
        return consumed;
    }

    private int indexOfNewline() {
        for (int i = pos; i < end; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        while (pos == end) {
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            pos = 0;
            end = n;
        }
        return true;
    }
}
