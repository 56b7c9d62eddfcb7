package dev.jclaw.store.jdbc;

import dev.jclaw.api.gateway.UserId;
import dev.jclaw.core.identity.ApiKey;
import dev.jclaw.core.identity.ApiKeyId;
import dev.jclaw.core.identity.CredentialStore;
import dev.jclaw.core.identity.LoginSession;
import dev.jclaw.core.identity.TokenHash;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link CredentialStore} over {@code login_sessions} and {@code api_keys}: hashes only. */
final class JdbcCredentialStore implements CredentialStore {
    private static final String SESSION = "token_hash, user_id, created_ms, expires_ms, revoked_ms";
    private static final String KEY = "id, user_id, name, key_hash, created_ms, last_used_ms, revoked_ms";
    private final Transactions tx;

    JdbcCredentialStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void addSession(LoginSession session) {
        tx.run("record a login of " + session.user(), c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO login_sessions (" + SESSION
                    + ") VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, session.hash().hex());
                s.setString(2, session.user().value());
                s.setLong(3, session.created().toEpochMilli());
                s.setLong(4, session.expires().toEpochMilli());
                setInstant(s, 5, session.revoked());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<LoginSession> session(TokenHash hash) {
        return tx.run("read a login session", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + SESSION
                    + " FROM login_sessions WHERE token_hash = ?")) {
                q.setString(1, hash.hex());
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(new LoginSession(new TokenHash(rs.getString(1)),
                            new UserId(rs.getString(2)), instant(rs, 3).orElseThrow(), instant(rs, 4).orElseThrow(),
                            instant(rs, 5))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean revokeSession(TokenHash hash, Instant at) {
        return update("revoke a login session",
                "UPDATE login_sessions SET revoked_ms = ? WHERE token_hash = ? AND revoked_ms IS NULL",
                at, hash.hex()) == 1;
    }

    @Override
    public int revokeSessions(UserId user, Instant at) {
        return update("revoke the login sessions of " + user,
                "UPDATE login_sessions SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL", at,
                user.value());
    }

    @Override
    public int purgeExpired(Instant before) {
        return tx.run("delete expired login sessions", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM login_sessions WHERE expires_ms < ?")) {
                s.setLong(1, before.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void addKey(ApiKey key) {
        tx.run("record API key " + key.id(), c -> {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM api_keys WHERE id = ?")) {
                exists.setString(1, key.id().value());
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        throw new IllegalArgumentException("an API key with id " + key.id() + " exists already");
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys (" + KEY
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, key.id().value());
                s.setString(2, key.user().value());
                s.setString(3, key.name());
                s.setString(4, key.hash().hex());
                s.setLong(5, key.created().toEpochMilli());
                setInstant(s, 6, key.lastUsed());
                setInstant(s, 7, key.revoked());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<ApiKey> keyByHash(TokenHash hash) {
        return tx.run("read an API key", c -> oneKey(c.prepareStatement("SELECT " + KEY
                + " FROM api_keys WHERE key_hash = ?"), hash.hex()));
    }

    @Override
    public Optional<ApiKey> key(ApiKeyId id) {
        return tx.run("read API key " + id, c -> oneKey(c.prepareStatement("SELECT " + KEY
                + " FROM api_keys WHERE id = ?"), id.value()));
    }

    @Override
    public List<ApiKey> keys(Optional<UserId> user) {
        return tx.run("list the API keys", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + KEY + " FROM api_keys"
                    + (user.isPresent() ? " WHERE user_id = ?" : "") + " ORDER BY ordinal")) {
                if (user.isPresent()) {
                    q.setString(1, user.get().value());
                }
                try (ResultSet rs = q.executeQuery()) {
                    List<ApiKey> keys = new ArrayList<>();
                    while (rs.next()) {
                        keys.add(key(rs));
                    }
                    return keys;
                }
            }
        });
    }

    @Override
    public boolean revokeKey(ApiKeyId id, Instant at) {
        return update("revoke API key " + id,
                "UPDATE api_keys SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL", at, id.value()) == 1;
    }

    @Override
    public void touchKey(ApiKeyId id, Instant at) {
        // never moves backwards when two requests race
        update("note the use of API key " + id,
                "UPDATE api_keys SET last_used_ms = ? WHERE id = ? AND (last_used_ms IS NULL OR last_used_ms < ?)",
                at, id.value(), at.toEpochMilli());
    }

    private int update(String what, String sql, Instant at, String key, long... more) {
        return tx.run(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setLong(1, at.toEpochMilli());
                s.setString(2, key);
                for (int i = 0; i < more.length; i++) {
                    s.setLong(3 + i, more[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private static Optional<ApiKey> oneKey(PreparedStatement q, String value) throws SQLException {
        try (q) {
            q.setString(1, value);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(key(rs)) : Optional.empty();
            }
        }
    }

    private static ApiKey key(ResultSet rs) throws SQLException {
        return new ApiKey(new ApiKeyId(rs.getString(1)), new UserId(rs.getString(2)), rs.getString(3),
                new TokenHash(rs.getString(4)), instant(rs, 5).orElseThrow(), instant(rs, 6), instant(rs, 7));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long ms = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ms));
    }

    private static void setInstant(PreparedStatement s, int column, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            s.setLong(column, value.get().toEpochMilli());
        } else {
            s.setNull(column, java.sql.Types.BIGINT);
        }
    }
}
