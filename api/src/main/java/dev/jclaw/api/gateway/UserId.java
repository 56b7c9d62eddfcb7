package dev.jclaw.api.gateway;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's stable id: lower-case letters, digits, {@code .}, {@code _} and {@code -}, 1 to 64 characters, starting
 * with a letter or digit. The user's name as typed at {@code jclaw users add} is its id.
 *
 * @param value the id
 * @since 1.3
 */
public record UserId(String value) {
    private static final Pattern FORM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** The id of the host itself: the bootstrap admin token and the local terminal act as it. */
    public static final UserId ADMIN = new UserId("admin");

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when it is not of the form above
     */
    public UserId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a user name is 1 to 64 lower-case letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit; got '" + printable(value) + "'");
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return value;
    }
}
