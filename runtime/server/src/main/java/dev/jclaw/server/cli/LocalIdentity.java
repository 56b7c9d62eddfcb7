package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.ApiKey;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.AuditQuery;
import dev.jclaw.core.identity.LoggedAuditLog;
import dev.jclaw.server.auth.AccountJson;
import dev.jclaw.server.auth.Accounts;
import dev.jclaw.server.auth.Actor;
import dev.jclaw.store.jdbc.JdbcIdentity;
import java.util.List;
import java.util.Optional;

/** The accounts on the user database opened in this process, each change audited as the terminal's operator. */
final class LocalIdentity implements IdentityBackend {
    private final JdbcIdentity identity;
    private final Accounts accounts;
    private final Actor actor = Actor.terminal();

    LocalIdentity(JdbcIdentity identity, Accounts accounts) {
        this.identity = identity;
        this.accounts = accounts;
    }

    @Override
    public List<JsonObject> users() {
        return accounts.users().stream().map(AccountJson::user).toList();
    }

    @Override
    public JsonObject add(UserId id, boolean admin, Tier tier, String password) {
        return AccountJson.user(accounts.add(id, admin, tier, password, actor));
    }

    @Override
    public void passwd(UserId id, String password) {
        accounts.passwd(id, password, actor);
    }

    @Override
    public void setDisabled(UserId id, boolean disabled) {
        accounts.setDisabled(id, disabled, actor);
    }

    @Override
    public void remove(UserId id) {
        accounts.remove(id, actor);
    }

    @Override
    public void setTier(UserId id, Tier tier) {
        accounts.setTier(id, tier, actor);
    }

    @Override
    public List<JsonObject> keys(Optional<UserId> user) {
        return accounts.keys(user).stream().map(AccountJson::key).toList();
    }

    @Override
    public NewKey createKey(UserId user, String name) {
        Accounts.IssuedKey issued = accounts.createKey(user, name, actor);
        return new NewKey(issued.key().id().value(), issued.secret());
    }

    @Override
    public JsonObject revokeKey(ApiKeyId id) {
        ApiKey key = accounts.revokeKey(id, actor);
        return JsonObject.builder().put("revoked", id.value()).put("user", key.user().value())
                .put("name", key.name()).build();
    }

    @Override
    public List<JsonObject> audit(AuditQuery query) {
        return identity.audit().query(query).stream().map(LoggedAuditLog::json).toList();
    }
}
