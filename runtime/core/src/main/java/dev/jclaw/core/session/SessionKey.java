package dev.jclaw.core.session;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The stable address of a conversation, {@code channel:rest}: {@code cli:alice}, {@code web:alice},
 * {@code feishu:app:chat}. Its current conversation ({@link SessionId}) changes on {@code /new}; the key does not.
 *
 * @param value the key
 */
public record SessionKey(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{0,31}:[^\\p{Cntrl}\\s][^\\p{Cntrl}]{0,199}");

    /** Checks the form. */
    public SessionKey {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a session key is channel:name, e.g. cli:alice (at most 232"
                    + " characters, no control characters), got '" + printable(value) + "'");
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return value;
    }
}
