package dev.jclaw.core.compaction;

import dev.jclaw.core.model.TokenCounter;

/** Counts whitespace-separated words: predictable token counts for tests. */
final class WordCounter implements TokenCounter {
    @Override
    public int count(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
        }
        return words;
    }

    @Override
    public String name() {
        return "words";
    }
}
