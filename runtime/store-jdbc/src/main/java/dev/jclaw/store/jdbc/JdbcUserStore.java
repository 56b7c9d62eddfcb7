package dev.jclaw.store.jdbc;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.core.identity.User;
import dev.jclaw.core.identity.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link UserStore} over the {@code users} table; removal revokes the user's credentials in the same transaction. */
final class JdbcUserStore implements UserStore {
    private static final String COLUMNS = "id, admin, tier, disabled, created_ms, password_hash";
    private final Transactions tx;

    JdbcUserStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean add(User user) {
        return tx.run("add user " + user.id(), c -> {
            if (find(c, user.id()).isPresent()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO users (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, user.id().value());
                s.setBoolean(2, user.admin());
                s.setString(3, user.tier().label());
                s.setBoolean(4, user.disabled());
                s.setLong(5, user.created().toEpochMilli());
                s.setString(6, user.passwordHash());
                s.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<User> get(UserId id) {
        return tx.run("read user " + id, c -> find(c, id));
    }

    @Override
    public List<User> list() {
        return tx.run("list the users", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY id");
                 ResultSet rs = q.executeQuery()) {
                List<User> users = new ArrayList<>();
                while (rs.next()) {
                    users.add(user(rs));
                }
                return users;
            }
        });
    }

    @Override
    public boolean setTier(UserId id, Tier tier) {
        return update("change the tier of " + id, "UPDATE users SET tier = ? WHERE id = ?", tier.label(), id);
    }

    @Override
    public boolean setPasswordHash(UserId id, String passwordHash) {
        // checked as a User would check it
        new User(id, false, Tier.READ_ONLY, false, Instant.EPOCH, passwordHash);
        return update("change the password of " + id, "UPDATE users SET password_hash = ? WHERE id = ?",
                passwordHash, id);
    }

    @Override
    public boolean setDisabled(UserId id, boolean disabled) {
        return tx.run((disabled ? "disable " : "enable ") + id, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE users SET disabled = ? WHERE id = ?")) {
                s.setBoolean(1, disabled);
                s.setString(2, id.value());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean remove(UserId id) {
        return tx.run("remove user " + id, c -> {
            long now = Instant.now().toEpochMilli();
            for (String sql : List.of(
                    "UPDATE login_sessions SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL",
                    "UPDATE api_keys SET revoked_ms = ? WHERE user_id = ? AND revoked_ms IS NULL")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setLong(1, now);
                    s.setString(2, id.value());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
                s.setString(1, id.value());
                return s.executeUpdate() == 1;
            }
        });
    }

    private boolean update(String what, String sql, String value, UserId id) {
        return tx.run(what, c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, value);
                s.setString(2, id.value());
                return s.executeUpdate() == 1;
            }
        });
    }

    private static Optional<User> find(Connection c, UserId id) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?")) {
            q.setString(1, id.value());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(new UserId(rs.getString(1)), rs.getBoolean(2), Tier.parse(rs.getString(3)), rs.getBoolean(4),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
    }
}
