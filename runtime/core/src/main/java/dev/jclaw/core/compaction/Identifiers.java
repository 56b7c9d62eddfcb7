package dev.jclaw.core.compaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds identifiers in text deterministically, so that a summary keeps them even when the model drops them: URLs,
 * backticked names, UUIDs, file paths, hex hashes, CVE and ticket ids, HTTP statuses, error codes and
 * SCREAMING_SNAKE names.
 */
final class Identifiers {
    /** The heading of the line that lists the identifiers a summary left out. */
    static final String HEADING = "Identifiers mentioned earlier: ";
    /** The longest identifier kept; longer matches (a data URL, a minified path) are noise, not names. */
    static final int MAX_LENGTH = 200;
    /** The most characters of one source searched, so a pasted megabyte costs milliseconds, not seconds. */
    static final int MAX_SCAN_CHARS = 200_000;

    // Order matters: each pattern's matches are blanked out before the next runs, so a UUID is not also read as a
    // hash and a URL's path is not also read as a file path.
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\b(?:https?|ftp|wss?)://[^\\s<>\"'`]+"),
            Pattern.compile("`([^`\\r\\n]{1,200})`"),
            Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
            Pattern.compile("(?<![\\w.~/-])(?:~|\\.{1,2})?/[\\w.@+-]+(?:/[\\w.@+-]+)+/?"),
            Pattern.compile("(?<![\\w./-])[\\w.-]*\\w(?:/[\\w.@+-]+)*/[\\w@+-]+\\.[A-Za-z0-9]{1,10}\\b"),
            Pattern.compile("\\b(?=[0-9a-fA-F]*[0-9])(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{7,128}\\b"),
            Pattern.compile("\\bCVE-\\d{4}-\\d{4,}\\b"),
            Pattern.compile("\\b[A-Z][A-Z0-9]{1,9}-\\d{1,7}\\b"),
            Pattern.compile("\\bHTTP[ /]?[1-5]\\d\\d\\b"),
            Pattern.compile("\\b[A-Z]{1,5}\\d{3,6}\\b"),
            Pattern.compile("\\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\\b"));
    private static final String TRAILING_PUNCTUATION = ".,;:!?)]}'\"";

    private Identifiers() {
    }

    /**
     * Lists the identifiers of the sources that a summary does not contain verbatim, as one line to append to it.
     * Identifiers are taken in order of first appearance, the sources in the order given; only the first
     * {@link #MAX_SCAN_CHARS} characters of each source are searched.
     *
     * @param sources the texts the summary stands in for, the most important first
     * @param summary the summary
     * @param maxCount the most identifiers listed
     * @param maxChars the longest the line may be
     * @return the line ({@link #HEADING} and the identifiers, comma-separated), or empty when none is missing
     */
    static String missingLine(List<String> sources, String summary, int maxCount, int maxChars) {
        StringBuilder line = new StringBuilder(HEADING);
        Set<String> listed = new HashSet<>();
        for (String source : sources) {
            for (String id : inOrder(source)) {
                if (listed.size() >= maxCount) {
                    return line.toString();
                }
                String item = (listed.isEmpty() ? "" : ", ") + id;
                if (listed.contains(id) || containsWhole(summary, id) || line.length() + item.length() > maxChars) {
                    continue;
                }
                line.append(item);
                listed.add(id);
            }
        }
        return listed.isEmpty() ? "" : line.toString();
    }

    /** Whether the text holds the identifier as a whole: {@code OPS-1} is not in {@code OPS-12}. */
    static boolean containsWhole(String text, String id) {
        for (int at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
            int end = at + id.length();
            boolean startsClean = at == 0 || !joins(text.charAt(at - 1), id.charAt(0));
            boolean endsClean = end == text.length() || !joins(text.charAt(end), id.charAt(id.length() - 1));
            if (startsClean && endsClean) {
                return true;
            }
        }
        return false;
    }

    /** Whether two neighbouring characters belong to one word, so that the identifier would continue. */
    private static boolean joins(char outside, char edge) {
        return isWord(edge) && isWord(outside);
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static List<String> inOrder(String source) {
        StringBuilder rest = new StringBuilder(scanned(source));
        List<Match> matches = new ArrayList<>();
        for (Pattern pattern : PATTERNS) {
            Matcher m = pattern.matcher(rest);
            while (m.find()) {
                int group = m.groupCount() > 0 ? 1 : 0;
                // a backticked name is taken as quoted; elsewhere, punctuation after a match ends the sentence
                String id = group == 1 ? m.group(1).strip() : trim(m.group());
                if (acceptable(id)) {
                    matches.add(new Match(m.start(), id));
                }
                for (int i = m.start(); i < m.end(); i++) {
                    rest.setCharAt(i, ' ');
                }
            }
        }
        matches.sort(Comparator.comparingInt(Match::at));
        return matches.stream().map(Match::text).distinct().toList();
    }

    /** The start of a source, ended at a space so that the last identifier is not cut short. */
    private static String scanned(String source) {
        if (source.length() <= MAX_SCAN_CHARS) {
            return source;
        }
        int end = MAX_SCAN_CHARS;
        while (end > 0 && !Character.isWhitespace(source.charAt(end))) {
            end--;
        }
        return source.substring(0, end);
    }

    private record Match(int at, String text) {
    }

    private static String trim(String id) {
        String s = id.strip();
        int end = s.length();
        while (end > 0 && TRAILING_PUNCTUATION.indexOf(s.charAt(end - 1)) >= 0
                && !(s.charAt(end - 1) == ')' && opens(s, end))) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Whether the text before end has more '(' than ')', so that a closing parenthesis belongs to it. */
    private static boolean opens(String s, int end) {
        int depth = 0;
        for (int i = 0; i < end - 1; i++) {
            depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
        }
        return depth > 0;
    }

    /** Keeps the line one line: nothing empty, overlong, or holding control characters or half surrogate pairs. */
    private static boolean acceptable(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c) && !validPair(id, i)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return true;
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
