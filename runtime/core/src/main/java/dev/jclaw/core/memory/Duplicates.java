package dev.jclaw.core.memory;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * When two memories say the same thing. Exact: equal after Unicode normalisation (NFC), folding case and collapsing
 * white space. Near: vectors at least {@value #NEAR} similar <em>and</em> the same {@link Identifiers} — every
 * identifier of either sentence (a number, a name, a host, a month, a Chinese character that carries meaning) occurs
 * in the other — so "the staging port is 6380" never merges into "the staging port is 6379", nor "the Figma
 * contract renews every March" into "the PagerDuty contract renews every August", however close in meaning.
 */
final class Duplicates {
    /** The cosine similarity from which two memories with the same identifiers are one. */
    static final double NEAR = 0.95;

    private Duplicates() {
    }

    static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                .strip();
    }

    static boolean exact(String a, String b) {
        return normal(a).equals(normal(b));
    }

    /**
     * @return the identifiers one text has and the other lacks, lower-cased; empty when they may be merged
     */
    static Set<String> differences(String a, String b) {
        Set<String> out = new TreeSet<>();
        Set<String> wordsA = Identifiers.words(a);
        Set<String> wordsB = Identifiers.words(b);
        Identifiers.of(a).stream().filter(w -> !wordsB.contains(w)).forEach(out::add);
        Identifiers.of(b).stream().filter(w -> !wordsA.contains(w)).forEach(out::add);
        return out;
    }

    static boolean near(String a, String b, double similarity) {
        return similarity >= NEAR && differences(a, b).isEmpty();
    }
}
