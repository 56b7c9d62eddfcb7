package dev.jclaw.core.identity;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key's public id, 12 hex digits: what {@code jclaw keys list} shows and {@code jclaw keys revoke} takes. It
 * is not the key, and does not help to guess it.
 *
 * @param value the id
 */
public record ApiKeyId(String value) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Checks the form. */
    public ApiKeyId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("an API key id is 12 hex digits, as 'jclaw keys list' shows it");
        }
    }

    /**
     * Makes a new random id.
     *
     * @return the id
     */
    public static ApiKeyId random() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return new ApiKeyId(HexFormat.of().formatHex(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
