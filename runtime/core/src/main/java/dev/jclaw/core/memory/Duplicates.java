package dev.jclaw.core.memory;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When two memories say the same thing. Exact: equal after Unicode normalisation (NFC), folding case and collapsing
 * white space. Near: vectors at least {@value #NEAR} similar and the same identifiers and numbers — so "the staging
 * port is 6380" and "the staging port is 6379" are never merged, however close in meaning.
 */
final class Duplicates {
    /** The cosine similarity from which two memories with the same identifiers are one. */
    static final double NEAR = 0.95;
    private static final Pattern TOKEN_WITH_DIGIT = Pattern.compile("[\\p{L}\\p{N}._:/-]*\\p{N}[\\p{L}\\p{N}._:/-]*");

    private Duplicates() {
    }

    static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                .strip();
    }

    static boolean exact(String a, String b) {
        return normal(a).equals(normal(b));
    }

    /** @return the identifiers and numbers of a text, for telling near duplicates from near neighbours */
    static Set<String> identifiers(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = TOKEN_WITH_DIGIT.matcher(normal(text));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static boolean near(String a, String b, double similarity) {
        return similarity >= NEAR && identifiers(a).equals(identifiers(b));
    }
}
