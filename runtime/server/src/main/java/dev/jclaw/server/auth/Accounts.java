package dev.jclaw.server.auth;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.ApiKey;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.core.identity.User;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an administrator does to accounts — users and API keys — the same from {@code jclaw users}/{@code jclaw keys}
 * and from the HTTP API, each change audited with its actor. A password change, disabling and removing a user end
 * the user's login sessions; removing also revokes the user's API keys.
 */
public final class Accounts {
    private final IdentityStore identity;
    private final Passwords passwords;
    private final Clock clock;

    /**
     * A new API key, shown once.
     *
     * @param key what is stored
     * @param secret the key itself, {@code jck_...}; only its hash is kept
     */
    public record IssuedKey(ApiKey key, String secret) {
        /** Leaves the secret out. */
        @Override
        public String toString() {
            return "IssuedKey[" + key + "]";
        }
    }

    /**
     * @param identity the stores
     * @param passwords the password hasher
     * @param clock the time
     */
    public Accounts(IdentityStore identity, Passwords passwords, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.passwords = Objects.requireNonNull(passwords, "passwords");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Adds a user.
     *
     * @param id the name
     * @param admin whether the user administers the server
     * @param tier the user's ceiling
     * @param password the password (checked against {@link Passwords#checkPolicy})
     * @param actor who adds it
     * @return the user
     * @throws AccountException when the name is taken or reserved, or the password breaks the policy
     */
    public User add(UserId id, boolean admin, Tier tier, String password, Actor actor) {
        if (id.equals(UserId.ADMIN)) {
            throw new AccountException(AccountException.Problem.CONFLICT, "'admin' is the name of the bootstrap admin"
                    + " token; choose another name (give the user --admin to make them an administrator)");
        }
        User user = new User(id, admin, tier, false, now(), passwords.hash(policy(password)));
        if (!identity.users().add(user)) {
            throw new AccountException(AccountException.Problem.CONFLICT, "a user named '" + id + "' exists already");
        }
        audit(actor, AuditKind.USER_ADDED, id.value(), JsonObject.builder().put("admin", admin)
                .put("tier", tier.label()).build());
        return user;
    }

    /** @return every user, by name */
    public List<User> users() {
        return identity.users().list();
    }

    /**
     * Finds a user.
     *
     * @param id the name
     * @return the user
     * @throws AccountException when there is none
     */
    public User user(UserId id) {
        return identity.users().get(id).orElseThrow(() -> noUser(id));
    }

    /**
     * Sets a new password and ends the user's login sessions.
     *
     * @param id the user
     * @param password the new password
     * @param actor who
     */
    public void passwd(UserId id, String password, Actor actor) {
        String hash = passwords.hash(policy(password));
        if (!identity.users().setPasswordHash(id, hash)) {
            throw noUser(id);
        }
        int ended = identity.credentials().revokeSessions(id, now());
        audit(actor, AuditKind.USER_CHANGED, id.value(), JsonObject.builder().put("change", "password")
                .put("sessions_ended", ended).build());
    }

    /**
     * Changes a user's tier.
     *
     * @param id the user
     * @param tier the new ceiling
     * @param actor who
     */
    public void setTier(UserId id, Tier tier, Actor actor) {
        if (!identity.users().setTier(id, tier)) {
            throw noUser(id);
        }
        audit(actor, AuditKind.USER_CHANGED, id.value(), JsonObject.builder().put("change", "tier")
                .put("tier", tier.label()).build());
    }

    /**
     * Disables or enables a user; disabling ends their login sessions (their API keys are refused while disabled).
     *
     * @param id the user
     * @param disabled whether to disable
     * @param actor who
     */
    public void setDisabled(UserId id, boolean disabled, Actor actor) {
        if (!identity.users().setDisabled(id, disabled)) {
            throw noUser(id);
        }
        JsonObject.Builder detail = JsonObject.builder().put("change", disabled ? "disabled" : "enabled");
        if (disabled) {
            detail.put("sessions_ended", identity.credentials().revokeSessions(id, now()));
        }
        audit(actor, AuditKind.USER_CHANGED, id.value(), detail.build());
    }

    /**
     * Removes a user and revokes their sessions and keys.
     *
     * @param id the user
     * @param actor who
     */
    public void remove(UserId id, Actor actor) {
        if (!identity.users().remove(id)) {
            throw noUser(id);
        }
        audit(actor, AuditKind.USER_REMOVED, id.value(), JsonObject.EMPTY);
    }

    /**
     * Makes an API key for a user.
     *
     * @param user the user
     * @param name what to call it (1 to 64 characters, no control characters)
     * @param actor who
     * @return the key, with its secret to show once
     */
    public IssuedKey createKey(UserId user, String name, Actor actor) {
        try {
            ApiKey.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new AccountException(AccountException.Problem.INVALID, e.getMessage());
        }
        user(user);
        String secret = Tokens.issue(Tokens.Kind.API_KEY);
        ApiKey key = new ApiKey(ApiKeyId.random(), user, name, Tokens.hash(secret), now(), Optional.empty(),
                Optional.empty());
        identity.credentials().addKey(key);
        audit(actor, AuditKind.KEY_CREATED, key.id().value(), JsonObject.builder().put("user", user.value())
                .put("name", name).build());
        return new IssuedKey(key, secret);
    }

    /**
     * Lists API keys.
     *
     * @param user only this user's, or everyone's
     * @return the keys, oldest first, revoked ones included
     */
    public List<ApiKey> keys(Optional<UserId> user) {
        return identity.credentials().keys(user);
    }

    /**
     * Revokes an API key.
     *
     * @param id the key
     * @param actor who
     * @return the key as it was before
     */
    public ApiKey revokeKey(ApiKeyId id, Actor actor) {
        ApiKey key = identity.credentials().key(id).orElseThrow(() -> new AccountException(
                AccountException.Problem.NOT_FOUND, "no API key with id " + id + "; see 'jclaw keys list'"));
        if (!identity.credentials().revokeKey(id, now())) {
            throw new AccountException(AccountException.Problem.CONFLICT, "API key " + id + " was revoked already");
        }
        audit(actor, AuditKind.KEY_REVOKED, id.value(), JsonObject.builder().put("user", key.user().value())
                .put("name", key.name()).build());
        return key;
    }

    private void audit(Actor actor, AuditKind kind, String subject, JsonObject detail) {
        identity.audit().append(AuditEntry.of(now(), kind, actor.name(), actor.channel()).address(actor.address())
                .subject(subject).detail(detail));
    }

    private static String policy(String password) {
        try {
            return Passwords.checkPolicy(password);
        } catch (IllegalArgumentException e) {
            throw new AccountException(AccountException.Problem.INVALID, e.getMessage());
        }
    }

    private static AccountException noUser(UserId id) {
        return new AccountException(AccountException.Problem.NOT_FOUND, "no user named '" + id
                + "'; see 'jclaw users list'");
    }
}
