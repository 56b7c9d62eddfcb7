package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.AuditQuery;
import java.util.List;
import java.util.Optional;

/**
 * What {@code jclaw users}, {@code jclaw keys} and {@code jclaw audit} do to the accounts and the audit log: through
 * the JClaw server running on this home ({@link ServerIdentity}), or on the user database opened in this process
 * ({@link LocalIdentity}). Users, keys and audit entries come back as the JSON of the HTTP API
 * ({@link dev.jclaw.server.auth.AccountJson}, {@link dev.jclaw.core.identity.LoggedAuditLog#json}), so that the
 * commands print the same either way. A refusal is an {@link dev.jclaw.server.auth.AccountException} with the
 * sentence the accounts gave; an unusable database or server an
 * {@link dev.jclaw.core.identity.IdentityStoreException}.
 */
interface IdentityBackend {
    /** @return every user, as {@code GET /api/users} lists them */
    List<JsonObject> users() throws InterruptedException;

    /** Adds a user; @return the user */
    JsonObject add(UserId id, boolean admin, Tier tier, String password) throws InterruptedException;

    /** Changes a user's password, ending their login sessions. */
    void passwd(UserId id, String password) throws InterruptedException;

    /** Disables or enables a user. */
    void setDisabled(UserId id, boolean disabled) throws InterruptedException;

    /** Removes a user, revoking their sessions and keys. */
    void remove(UserId id) throws InterruptedException;

    /** Changes a user's tier. */
    void setTier(UserId id, Tier tier) throws InterruptedException;

    /** @return the keys of one user, or everyone's */
    List<JsonObject> keys(Optional<UserId> user) throws InterruptedException;

    /** Makes an API key; @return its id and the key itself, shown once */
    NewKey createKey(UserId user, String name) throws InterruptedException;

    /** Revokes an API key; @return {@code {"revoked", "user", "name"}}: its id, whose it was, its name */
    JsonObject revokeKey(ApiKeyId id) throws InterruptedException;

    /** @return the audit entries that match, newest first */
    List<JsonObject> audit(AuditQuery query) throws InterruptedException;

    /**
     * A new API key.
     *
     * @param id its public id
     * @param secret the key, {@code jck_...}
     */
    record NewKey(String id, String secret) {
        /** Leaves the secret out. */
        @Override
        public String toString() {
            return "NewKey[" + id + "]";
        }
    }
}
