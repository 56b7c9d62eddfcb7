package dev.jclaw.core.identity;

import dev.jclaw.api.gateway.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's API key for programs, kept as the hash of the key.
 *
 * @param id the public id
 * @param user whom it authenticates
 * @param name what the user called it, e.g. {@code ci}
 * @param hash the key's hash
 * @param created when it was made
 * @param lastUsed when it last authenticated a request (updated at most once a minute), empty when never
 * @param revoked when it was revoked, empty while valid
 */
public record ApiKey(ApiKeyId id, UserId user, String name, TokenHash hash, Instant created, Optional<Instant> lastUsed,
                     Optional<Instant> revoked) {
    /** The longest name. */
    public static final int MAX_NAME = 64;

    /** Checks the fields. */
    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(revoked, "revoked");
        checkName(name);
    }

    /**
     * Checks a key's name: 1 to 64 characters, no control or invisible format characters (which
     * could make one key's name look like another's in a terminal).
     *
     * @param name the name
     * @return the name
     * @throws IllegalArgumentException saying what is allowed
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > MAX_NAME || name.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT)) {
            throw new IllegalArgumentException("a key name is 1 to " + MAX_NAME
                    + " characters without control or format characters");
        }
        return name;
    }
}
