package dev.jclaw.core.context;

import dev.jclaw.core.model.TokenCounter;

/** A counter for readable tests: one token per word, punctuation and all ({@code "[…"} is a word). */
final class Words implements TokenCounter {
    static final Words COUNTER = new Words();

    @Override
    public int count(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
    }

    @Override
    public String name() {
        return "words";
    }

    static String words(String word, int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            text.append(word).append(i).append(i % 10 == 9 ? "\n" : " ");
        }
        return text.toString().strip();
    }
}
