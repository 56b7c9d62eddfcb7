package dev.jclaw.core.session;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conversation: 24 random hex characters (96 bits), safe in URLs, file names and SQL.
 *
 * @param value the id
 */
public record SessionId(String value) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when the value is not 24 lower-case hex characters
     */
    public SessionId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a session id is 24 hex characters, got " + Text.quote(value));
        }
    }

    /** @return a new random id */
    public static SessionId random() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return new SessionId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
