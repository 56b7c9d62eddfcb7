package dev.jclaw.server.auth;

import dev.jclaw.core.identity.TokenHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Login session tokens ({@code jcs_...}) and API keys ({@code jck_...}): 256 random bits from {@link SecureRandom},
 * base64url, behind a prefix that tells them apart in an {@code Authorization} header (and lets secret scanners
 * recognise a leaked one). Shown once; only their SHA-256 is stored.
 *
 * <p>A fast hash is right here, unlike for passwords: a 256-bit random value cannot be guessed, so a slow hash would
 * protect nothing and would make every authenticated request cost tens of milliseconds. The stored digest is looked
 * up by an index; the digest of a guess says nothing about the digests near it, so the lookup leaks no usable
 * timing.
 */
public final class Tokens {
    /** The prefix of login session tokens. */
    public static final String SESSION_PREFIX = "jcs_";
    /** The prefix of API keys. */
    public static final String KEY_PREFIX = "jck_";
    private static final Pattern FORM = Pattern.compile("jc[sk]_[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The two kinds of credential a user holds. */
    public enum Kind {
        /** A login session token. */
        SESSION,
        /** An API key. */
        API_KEY
    }

    private Tokens() {
    }

    /**
     * Makes a new token.
     *
     * @param kind which kind
     * @return the token, e.g. {@code jck_} and 43 base64url characters
     */
    public static String issue(Kind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return (kind == Kind.SESSION ? SESSION_PREFIX : KEY_PREFIX)
                + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Tells which kind of JClaw credential a bearer token is.
     *
     * @param token the token
     * @return its kind, or empty when it is not of either form (it may be the bootstrap admin token)
     */
    public static Optional<Kind> kind(String token) {
        if (!FORM.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.of(token.startsWith(SESSION_PREFIX) ? Kind.SESSION : Kind.API_KEY);
    }

    /**
     * Hashes a token for storage and lookup.
     *
     * @param token the token
     * @return its SHA-256
     */
    public static TokenHash hash(String token) {
        try {
            return new TokenHash(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8))));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /**
     * Compares a stored hash with a computed one in constant time.
     *
     * @param stored the stored hash
     * @param computed the hash of what was presented
     * @return whether they are equal
     */
    public static boolean same(TokenHash stored, TokenHash computed) {
        return MessageDigest.isEqual(stored.hex().getBytes(StandardCharsets.US_ASCII),
                computed.hex().getBytes(StandardCharsets.US_ASCII));
    }
}
