package dev.jclaw.core.session;

/** Checks on the short texts of this package: keys, titles, model names. */
final class Text {
    private Text() {
    }

    /**
     * Tells whether a text holds something that does not belong in a one-line name: a control character (C0 or
     * C1), a line or paragraph separator, or half of a surrogate pair (which UTF-8 cannot store).
     */
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

    private static boolean breaksLine(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** A text fit to quote in an error message: cut short, with unprintable characters replaced. */
    static String quote(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        StringBuilder out = new StringBuilder(cut.length() + 2).append('\'');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            out.append(breaksLine(c) ? '?' : c);
        }
        return out.append('\'').toString();
    }
}
