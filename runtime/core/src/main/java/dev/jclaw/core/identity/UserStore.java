package dev.jclaw.core.identity;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import java.util.List;
import java.util.Optional;

/**
 * The users. Each operation is atomic; a {@code false} answer means the user does not exist (or, for
 * {@link #add}, exists already) and nothing changed. Failures of the storage throw {@link IdentityStoreException}.
 */
public interface UserStore {
    /**
     * Adds a user.
     *
     * @param user the user
     * @return false when a user with that id exists already
     */
    boolean add(User user);

    /**
     * Finds a user.
     *
     * @param id the id
     * @return the user, or empty when there is none
     */
    Optional<User> get(UserId id);

    /**
     * Lists the users.
     *
     * @return every user, by id
     */
    List<User> list();

    /**
     * Changes a user's tier.
     *
     * @param id the user
     * @param tier the new ceiling
     * @return false when there is no such user
     */
    boolean setTier(UserId id, Tier tier);

    /**
     * Replaces a user's password hash.
     *
     * @param id the user
     * @param passwordHash the new PHC string
     * @return false when there is no such user
     */
    boolean setPasswordHash(UserId id, String passwordHash);

    /**
     * Disables or enables a user. A disabled user's credentials are refused but kept.
     *
     * @param id the user
     * @param disabled whether the user is disabled
     * @return false when there is no such user
     */
    boolean setDisabled(UserId id, boolean disabled);

    /**
     * Removes a user and, in the same transaction, revokes every login session and API key of theirs, so that a
     * user added later under the same name inherits none of them.
     *
     * @param id the user
     * @return false when there is no such user
     */
    boolean remove(UserId id);
}
