package dev.jclaw.core.identity;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A user who may log in and hold API keys.
 *
 * @param id the user's name, its id
 * @param admin whether the user administers the server: sees every user's conversations and the audit log
 * @param tier the user's ceiling for write-class tools
 * @param disabled whether the user is shut out for now (their credentials are refused, and kept)
 * @param created when the user was added
 * @param passwordHash the password's hash as a PHC string ({@code $argon2id$v=19$m=...}); never printed
 */
public record User(UserId id, boolean admin, Tier tier, boolean disabled, Instant created, String passwordHash) {
    /** The longest PHC string kept. */
    public static final int MAX_HASH_LENGTH = 512;

    /** Checks the fields. */
    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(passwordHash, "passwordHash");
        if (!passwordHash.startsWith("$") || passwordHash.length() > MAX_HASH_LENGTH) {
            throw new IllegalArgumentException("a password hash is a PHC string starting with '$', at most "
                    + MAX_HASH_LENGTH + " characters");
        }
    }

    /**
     * Returns the user with another tier.
     *
     * @param other the tier
     * @return the changed user
     */
    public User withTier(Tier other) {
        return new User(id, admin, other, disabled, created, passwordHash);
    }

    /**
     * Returns the user with another password hash.
     *
     * @param hash the PHC string
     * @return the changed user
     */
    public User withPasswordHash(String hash) {
        return new User(id, admin, tier, disabled, created, hash);
    }

    /**
     * Returns the user disabled or enabled.
     *
     * @param off whether the user is disabled
     * @return the changed user
     */
    public User withDisabled(boolean off) {
        return new User(id, admin, tier, off, created, passwordHash);
    }

    /** Leaves the password hash out: it is an offline-guessable secret. */
    @Override
    public String toString() {
        return "User[id=" + id + ", admin=" + admin + ", tier=" + tier.label() + ", disabled=" + disabled
                + ", created=" + created + "]";
    }
}
