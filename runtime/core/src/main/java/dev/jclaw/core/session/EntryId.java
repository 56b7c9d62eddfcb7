package dev.jclaw.core.session;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of a conversation: 1 to 36 URL-safe characters ({@code A-Z a-z 0-9 _ -}); new ids are 22 random
 * characters (128 bits).
 *
 * @param value the id
 */
public record EntryId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,36}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when the value is empty, too long or not URL-safe
     */
    public EntryId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("an entry id is 1 to 36 characters A-Z, a-z, 0-9, '_' or '-', got "
                    + Text.quote(value));
        }
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
