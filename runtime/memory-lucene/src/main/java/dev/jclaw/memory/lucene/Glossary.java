package dev.jclaw.memory.lucene;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A Chinese–English word list for asking memory in the other language: "数据库迁移用什么工具" also looks for
 * "database" and "migrate", "Berlin office address" also for 柏林, 办公室 and 地址. The shipped embedding models are
 * monolingual, so without it a question in one language rarely finds a fact written in the other.
 *
 * <p>Derived from CC-CEDICT (CC BY-SA 4.0) by {@code tools/glossary/glossary.py}: 87,000 headwords of two or more
 * characters, each with up to six English words of its first senses; and for English words, up to three headwords
 * with a sense that is that word, the most common first as far as the dictionary tells.
 *
 * <p>Thread-safety: immutable after loading.
 */
final class Glossary {
    private static final String RESOURCE = "glossary.tsv.gz";
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}{2,}");
    private static final Pattern ENGLISH = Pattern.compile("[a-z][a-z'-]+");

    private final Map<String, List<String>> english;
    private final Map<String, List<String>> chinese;

    private Glossary(Map<String, List<String>> english, Map<String, List<String>> chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    private static final class Bundled {
        static final Glossary GLOSSARY = load();
    }

    /** @return the glossary shipped in this module, loaded on first use */
    static Glossary bundled() {
        return Bundled.GLOSSARY;
    }

    private static Glossary load() {
        Map<String, List<String>> english = new HashMap<>(131_072);
        Map<String, List<String>> chinese = new HashMap<>(65_536);
        try (InputStream in = Glossary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the glossary " + RESOURCE + " is missing from dev.jclaw.memory.lucene");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                    StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int tab = line.indexOf('\t');
                if (line.startsWith("=") && tab > 1) {
                    chinese.put(line.substring(1, tab), List.of(line.substring(tab + 1).split(" ")));
                } else if (!line.startsWith("#") && tab > 0) {
                    english.put(line.substring(0, tab), List.of(line.substring(tab + 1).split(" ")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the glossary cannot be read", e);
        }
        return new Glossary(english, chinese);
    }

    /**
     * The words of the other language for the words of a text: English for its Chinese words, Chinese for its
     * English words.
     *
     * @param chineseWords the Chinese words of the text, as the analyzer segmented them
     * @param text the text, for its English words
     * @return the translations, without repeats, in order of appearance
     */
    Set<String> translate(List<String> chineseWords, String text) {
        return translate(chineseWords, text, Integer.MAX_VALUE);
    }

    /**
     * The words of the other language for the words of a text, at most {@code most} for each word.
     *
     * @param chineseWords the Chinese words of the text, as the analyzer segmented them
     * @param text the text, for its English words
     * @param most the most translations taken for one word, the first senses first
     * @return the translations, without repeats, in order of appearance
     */
    Set<String> translate(List<String> chineseWords, String text, int most) {
        Set<String> out = new LinkedHashSet<>();
        for (String word : chineseWords) {
            if (HAN.matcher(word).matches()) {
                english.getOrDefault(word, List.of()).stream().limit(most).forEach(out::add);
            }
        }
        Matcher m = ENGLISH.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            chinese.getOrDefault(m.group(), List.of()).stream().limit(most).forEach(out::add);
        }
        return out;
    }
}
