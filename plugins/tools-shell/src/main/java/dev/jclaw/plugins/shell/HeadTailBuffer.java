package dev.jclaw.plugins.shell;

/**
 * Keeps the first and the last characters of a stream of any length in fixed memory: half the limit for the head,
 * the other half in a ring for the tail. {@link #text()} joins them with a marker saying how much was cut:
 *
 * <pre>
 * first half…
 * … [49970000 characters cut] …
 * …last half
 * </pre>
 *
 * <p>Thread-safe: one pump appends while the caller may take the text.
 */
final class HeadTailBuffer {

    private final char[] head;
    private final char[] tail;
    private int headLength;
    /** Where the next tail character goes; once the ring is full, also where the oldest one is. */
    private int tailNext;
    private int tailLength;
    private long total;

    /**
     * Creates a buffer.
     *
     * @param limit how many characters to keep at most, at least 2
     */
    HeadTailBuffer(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2, got " + limit);
        }
        head = new char[limit / 2];
        tail = new char[limit - head.length];
    }

    /**
     * Appends characters.
     *
     * @param chars the source
     * @param offset where to start in it
     * @param length how many to append
     */
    synchronized void append(char[] chars, int offset, int length) {
        total += length;
        int toHead = Math.min(length, head.length - headLength);
        System.arraycopy(chars, offset, head, headLength, toHead);
        headLength += toHead;
        offset += toHead;
        length -= toHead;
        if (length >= tail.length) {
            // only the last tail.length characters can survive
            System.arraycopy(chars, offset + length - tail.length, tail, 0, tail.length);
            tailNext = 0;
            tailLength = tail.length;
            return;
        }
        while (length > 0) {
            int run = Math.min(length, tail.length - tailNext);
            System.arraycopy(chars, offset, tail, tailNext, run);
            tailNext = (tailNext + run) % tail.length;
            tailLength = Math.min(tail.length, tailLength + run);
            offset += run;
            length -= run;
        }
    }

    /** Returns how many characters were appended in all, kept or not. */
    synchronized long total() {
        return total;
    }

    /** Returns whether nothing was appended. */
    synchronized boolean isEmpty() {
        return total == 0;
    }

    /**
     * Returns the kept text: all of it when it fits, else the head, a marker line and the tail. A surrogate pair
     * split by the cut loses its orphaned half, which is counted as cut.
     *
     * @return the text
     */
    synchronized String text() {
        StringBuilder out = new StringBuilder(headLength + tailLength + 48);
        out.append(head, 0, headLength);
        int start = tailLength < tail.length ? 0 : tailNext;
        StringBuilder rest = new StringBuilder(tailLength);
        for (int i = 0, at = start; i < tailLength; i++, at = (at + 1) % tail.length) {
            rest.append(tail[at]);
        }
        long cut = total - headLength - tailLength;
        if (cut == 0) {
            return out.append(rest).toString();
        }
        if (!out.isEmpty() && Character.isHighSurrogate(out.charAt(out.length() - 1))) {
            out.setLength(out.length() - 1);
            cut++;
        }
        if (!rest.isEmpty() && Character.isLowSurrogate(rest.charAt(0))) {
            rest.deleteCharAt(0);
            cut++;
        }
        return out.append(marker(cut)).append(rest).toString();
    }

    /** The line put where characters were cut; on a line of its own. */
    static String marker(long cut) {
        return "\n… [" + cut + " characters cut] …\n";
    }
}
