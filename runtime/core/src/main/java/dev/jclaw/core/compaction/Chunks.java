package dev.jclaw.core.compaction;

import dev.jclaw.core.model.TokenCounter;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the written-out entries into chunks of at most a given number of tokens, in order. An entry too long for
 * one chunk is split, preferably at a line break or a space.
 */
final class Chunks {
    private static final String SEPARATOR = "\n\n";

    private Chunks() {
    }

    /**
     * Packs texts into chunks.
     *
     * @param texts the texts, in order; empty ones are skipped
     * @param counter the token counter
     * @param maxTokens the most tokens of one chunk, at least 1
     * @return the chunks, in order
     */
    static List<String> pack(List<String> texts, TokenCounter counter, int maxTokens) {
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        long currentTokens = 0;
        for (String text : texts) {
            for (String piece : split(text, counter, maxTokens)) {
                long tokens = (long) counter.count(piece) + counter.count(SEPARATOR);
                if (!current.isEmpty() && currentTokens + tokens > maxTokens) {
                    chunks.add(current.toString());
                    current.setLength(0);
                    currentTokens = 0;
                }
                if (!current.isEmpty()) {
                    current.append(SEPARATOR);
                }
                current.append(piece);
                currentTokens += tokens;
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** Splits one text into pieces of at most maxTokens each; an empty text gives none. */
    static List<String> split(String text, TokenCounter counter, int maxTokens) {
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (!rest.isEmpty()) {
            int tokens = counter.count(rest);
            if (tokens <= maxTokens) {
                pieces.add(rest);
                break;
            }
            // guess by proportion, then shrink until the counter agrees
            int end = (int) Math.max(1, (long) rest.length() * maxTokens / tokens);
            end = niceEnd(rest, end);
            while (end > 1 && counter.count(rest.substring(0, end)) > maxTokens) {
                end = niceEnd(rest, Math.max(1, end * 9 / 10));
            }
            pieces.add(rest.substring(0, end));
            rest = rest.substring(end);
        }
        return pieces;
    }

    /** Moves a cut back to just after a line break or space in the last fifth, and never into a surrogate pair. */
    private static int niceEnd(String text, int end) {
        int floor = end - end / 5;
        for (int i = end; i > floor && i > 1; i--) {
            char before = text.charAt(i - 1);
            if (before == '\n' || before == ' ') {
                return i;
            }
        }
        if (end < text.length() && Character.isLowSurrogate(text.charAt(end)) && end > 1) {
            return end - 1;
        }
        return end;
    }
}
