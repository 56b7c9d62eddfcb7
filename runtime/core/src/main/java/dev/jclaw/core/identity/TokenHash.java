package dev.jclaw.core.identity;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a session token or an API key, 64 lower-case hex digits: all a store keeps of a credential, so that
 * reading the database gives no usable token.
 *
 * @param hex the digest
 */
public record TokenHash(String hex) {
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");

    /** Checks the form. */
    public TokenHash {
        Objects.requireNonNull(hex, "hex");
        if (!FORM.matcher(hex).matches()) {
            throw new IllegalArgumentException("a token hash is 64 lower-case hex digits");
        }
    }

    /** Shows a prefix only: enough to tell two apart in a log, too little to look one up. */
    @Override
    public String toString() {
        return "TokenHash[" + hex.substring(0, 8) + "…]";
    }
}
