package dev.jclaw.core.identity;

import dev.jclaw.api.gateway.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions and API keys, by the hash of their token: a store never sees a token itself. Revocation is a mark
 * with its time, never a deletion, so that a revoked credential is told apart from an unknown one. Failures of the
 * storage throw {@link IdentityStoreException}.
 */
public interface CredentialStore {
    /**
     * Records a new login session.
     *
     * @param session the session, not revoked
     */
    void addSession(LoginSession session);

    /**
     * Finds a login session by its token's hash.
     *
     * @param hash the hash
     * @return the session, revoked or expired ones included, or empty when unknown
     */
    Optional<LoginSession> session(TokenHash hash);

    /**
     * Revokes one login session.
     *
     * @param hash the session's hash
     * @param at the time of revocation
     * @return false when it is unknown or was revoked already
     */
    boolean revokeSession(TokenHash hash, Instant at);

    /**
     * Revokes every login session of a user that is not revoked yet (a password change, a disabled user).
     *
     * @param user the user
     * @param at the time of revocation
     * @return how many were revoked
     */
    int revokeSessions(UserId user, Instant at);

    /**
     * Deletes login sessions that expired before a time: they can never be used again.
     *
     * @param before the time
     * @return how many were deleted
     */
    int purgeExpired(Instant before);

    /**
     * Records a new API key.
     *
     * @param key the key, never used, not revoked
     * @throws IllegalArgumentException when a key with the same id exists
     */
    void addKey(ApiKey key);

    /**
     * Finds an API key by its hash.
     *
     * @param hash the hash
     * @return the key, revoked ones included, or empty when unknown
     */
    Optional<ApiKey> keyByHash(TokenHash hash);

    /**
     * Finds an API key by its id.
     *
     * @param id the id
     * @return the key, or empty when unknown
     */
    Optional<ApiKey> key(ApiKeyId id);

    /**
     * Lists API keys, revoked ones included.
     *
     * @param user only this user's keys, or empty for everyone's
     * @return the keys, oldest first
     */
    List<ApiKey> keys(Optional<UserId> user);

    /**
     * Revokes an API key.
     *
     * @param id the key
     * @param at the time of revocation
     * @return false when it is unknown or was revoked already
     */
    boolean revokeKey(ApiKeyId id, Instant at);

    /**
     * Records that a key authenticated a request.
     *
     * @param id the key
     * @param at when
     */
    void touchKey(ApiKeyId id, Instant at);
}
