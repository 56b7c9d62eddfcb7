package dev.jclaw.core.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * One entry of a conversation: 1 to 36 URL-safe characters ({@code A-Z a-z 0-9 _ -}); new ids are 22 random
 * characters (128 bits).
 *
 * @param value the id
 */
public record EntryId(String value) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when the value is empty, too long or not URL-safe
     */
    public EntryId {
        Objects.requireNonNull(value, "value");
        if (!wellFormed(value)) {
            throw new IllegalArgumentException("an entry id is 1 to 36 characters A-Z, a-z, 0-9, '_' or '-', got "
                    + Text.quote(value));
        }
    }

    /** {@code [A-Za-z0-9_-]{1,36}}, checked without a regular expression: every entry read makes one. */
    private static boolean wellFormed(String value) {
        if (value.isEmpty() || value.length() > 36) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** @return a new random id */
    public static EntryId random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new EntryId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
