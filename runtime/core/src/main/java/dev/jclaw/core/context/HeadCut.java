package dev.jclaw.core.context;

import dev.jclaw.core.model.TokenCounter;

/**
 * Finds the longest head of a text within a number of tokens, ending at a line break when one is near.
 *
 * <p>Counts prefixes only, growing them from about the size the tokens allow, so a short head of a long text costs
 * little even with an exact (slow) counter.
 */
final class HeadCut {
    /** A head ends at the last line break when that keeps at least this share of it (in characters). */
    private static final double KEEP_AT_LINE_BREAK = 0.9;
    private static final int CHARS_PER_TOKEN_GUESS = 4;

    private HeadCut() {
    }

    /**
     * Cuts a text's head.
     *
     * @param text the text
     * @param maxTokens the most tokens the head may have
     * @param counter counts them
     * @return the head, possibly empty, possibly the whole text; never ending inside a surrogate pair
     */
    static String head(String text, int maxTokens, TokenCounter counter) {
        if (maxTokens <= 0 || text.isEmpty()) {
            return "";
        }
        int length = text.length();
        int fits = 0;
        int tooLong = -1;
        int probe = (int) Math.min(length, Math.max(64L, (long) maxTokens * CHARS_PER_TOKEN_GUESS));
        while (tooLong < 0) {
            if (counter.count(text.substring(0, probe)) <= maxTokens) {
                fits = probe;
                if (probe == length) {
                    return text;
                }
                probe = (int) Math.min(length, probe * 2L);
            } else {
                tooLong = probe;
            }
        }
        while (tooLong - fits > 1) {
            int middle = (fits + tooLong) >>> 1;
            if (counter.count(text.substring(0, middle)) <= maxTokens) {
                fits = middle;
            } else {
                tooLong = middle;
            }
        }
        int end = fits;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int lineBreak = text.lastIndexOf('\n', end - 1);
        if (lineBreak >= 0 && lineBreak + 1 >= end * KEEP_AT_LINE_BREAK) {
            end = lineBreak + 1;
        }
        return text.substring(0, end);
    }
}
