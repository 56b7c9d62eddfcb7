package dev.jclaw.core.task;

/** Checks and tidies the short texts of this package: names, progress lines, errors. */
final class Lines {
    private Lines() {
    }

    /** Whether a text holds a control character, a line or paragraph separator, or half a surrogate pair. */
    static boolean hasUnprintable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (breaksLine(c)) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Makes one printable line of at most {@code max} characters: unprintable characters become spaces, runs of
     * spaces one, and a cut is marked with an ellipsis (never inside a surrogate pair).
     */
    static String oneLine(String s, int max) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < s.length() && out.length() <= max; i++) {
            char c = s.charAt(i);
            if (breaksLine(c) || Character.isWhitespace(c) || unpaired(s, i)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.append(c);
        }
        if (out.length() <= max) {
            return out.toString();
        }
        int end = max - 1;
        if (Character.isHighSurrogate(out.charAt(end - 1))) {
            end--;
        }
        return out.substring(0, end) + "…";
    }

    private static boolean unpaired(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    /** A text fit to quote in an error message. */
    static String quote(String s) {
        return "'" + oneLine(s, 60) + "'";
    }

    private static boolean breaksLine(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
