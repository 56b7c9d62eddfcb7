package dev.jclaw.core.memory;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tokens that make a fact a different fact, however close two sentences are in meaning: numbers, names of
 * people, products, services and hosts, environments, paths, versions, dates, months and weekdays, URLs, e-mails,
 * negations. Two sentences whose identifiers differ are never merged ({@link Duplicates}).
 *
 * <p>Latin text: a token is an identifier when it holds a digit or inner punctuation ({@code redis-prod-3.internal},
 * {@code v2.4.1}, {@code /etc/nginx}, {@code ops@x.io}), a capital letter ({@code Daniel}, {@code PagerDuty},
 * {@code AWS}; function words such as {@code The} aside), or is one of a few words that change a fact's meaning
 * (months, weekdays, environments, number words, negations, frequencies). Inside Chinese text every Latin word counts.
 *
 * <p>Chinese text has neither capitals nor spaces to tell a name from a word, so every Han character that carries
 * meaning is an identifier (particles such as 的, 了, 是 aside): 张伟 and 李娜, 飞书 and 钉钉, 三月 and 八月 differ in
 * their characters. Numbers with a unit ({@code 3月}, {@code 五日}) and weekdays ({@code 周三}, {@code 星期五}) are
 * also kept whole, so that 3月5日 and 5月3日 differ. This is deliberately strict: when in doubt, both are stored.
 */
final class Identifiers {
    /** A Latin or digit token; inner punctuation joins its parts, a trailing dot or comma does not. */
    private static final Pattern LATIN = Pattern.compile(
            "[\\p{IsLatin}\\p{N}]+(?:(?:[._:/\\\\@+#?=&%~'’-]+)[\\p{IsLatin}\\p{N}]+)*");
    private static final Pattern INNER_MARK = Pattern.compile("[._:/\\\\@+#?=&%~-]");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final String CN_DIGITS = "零〇一二三四五六七八九十百千万两";
    private static final String UNITS = "年月日号点时分秒周天个次台位岁";
    private static final Pattern CN_NUMBER = Pattern.compile("[" + CN_DIGITS + "]+[" + UNITS + "]|第["
            + CN_DIGITS + "]+|(?:星期|礼拜|周)[一二三四五六日天末]");
    /** Han characters that carry no fact of their own: particles, copulas, common prepositions and measure words. */
    private static final String PARTICLES = "的了是在由和与及或也都就把被给对从向为着过吗呢吧啊呀嘛哦哈么这那该其之所以而且但并会要"
            + "请已经还再又很更最将于以到上下里中内外";
    /** Capitalised, these are still only function words; a sentence may start with any of them. */
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "this", "that", "these", "those", "it",
            "its", "we", "our", "us", "you", "your", "they", "their", "he", "his", "she", "her", "i", "my", "me", "in",
            "on", "at", "for", "to", "from", "with", "by", "of", "and", "or", "but", "if", "when", "while", "after",
            "before", "each", "all", "some", "any", "as", "since", "until", "so", "then", "also", "only", "please",
            "use", "do", "does", "note", "there", "here", "is", "are", "was", "were", "be", "has", "have", "who",
            "what", "which", "where", "how", "why", "remember", "always", "usually", "every");
    /** Lower-case words that make a fact another fact. */
    private static final Set<String> MEANINGFUL = Set.of(
            "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
            "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays",
            "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "weekend", "weekends",
            "weekday", "weekdays", "today", "tomorrow", "yesterday", "morning", "afternoon", "evening", "night",
            "noon", "midnight", "am", "pm", "hourly", "daily", "nightly", "weekly", "biweekly", "monthly",
            "quarterly", "yearly", "annually",
            "prod", "production", "staging", "stage", "dev", "development", "test", "testing", "qa", "uat",
            "sandbox", "preview", "canary", "local", "internal", "external", "primary", "replica", "secondary",
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "twenty", "thirty", "forty", "fifty", "hundred", "thousand", "million", "billion", "once", "twice",
            "half", "double", "first", "second", "third", "last",
            "not", "no", "never", "none", "nobody", "cannot", "without", "disabled", "enabled", "true", "false",
            "yes", "allow", "allowed", "deny", "denied", "forbidden", "required", "optional");

    private Identifiers() {
    }

    /** @return the words of a text, lower-cased: Latin tokens, numbers with their units, Han characters */
    static Set<String> words(String text) {
        return collect(text, false);
    }

    /** @return the identifiers of a text, lower-cased */
    static Set<String> of(String text) {
        return collect(text, true);
    }

    private static Set<String> collect(String text, boolean identifiersOnly) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
        boolean chinese = HAN.matcher(t).find();
        Set<String> out = new TreeSet<>();
        Matcher m = LATIN.matcher(t);
        while (m.find()) {
            String raw = m.group().replaceAll("['’][sS]$", "");
            String word = raw.toLowerCase(Locale.ROOT);
            String unit = m.end() < t.length() && UNITS.indexOf(t.charAt(m.end())) >= 0
                    && Character.isDigit(raw.charAt(raw.length() - 1)) ? String.valueOf(t.charAt(m.end())) : "";
            if (!identifiersOnly || chinese || identifier(raw, word)) {
                out.add(word + unit);
            }
            if (word.endsWith("n't") || word.endsWith("n’t")) {
                out.add("not");
            }
        }
        Matcher n = CN_NUMBER.matcher(t);
        while (n.find()) {
            out.add(n.group());
        }
        t.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                && PARTICLES.indexOf(c) < 0).forEach(c -> out.add(Character.toString(c)));
        return out;
    }

    private static boolean identifier(String raw, String word) {
        if (raw.chars().anyMatch(Character::isDigit) || INNER_MARK.matcher(raw).find()) {
            return true;
        }
        if (raw.chars().anyMatch(Character::isUpperCase)) {
            return !FUNCTION_WORDS.contains(word);
        }
        return MEANINGFUL.contains(word) || word.endsWith("n't") || word.endsWith("n’t");
    }
}
