package dev.jclaw.store.jdbc;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditLog;
import dev.jclaw.core.identity.AuditQuery;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link AuditLog} over the {@code audit} table. Append-only: this class has INSERT and SELECT and nothing else; the
 * order of entries is the table's sequence, so entries of the same millisecond keep their order.
 */
final class JdbcAuditLog implements AuditLog {
    private static final String COLUMNS = "at_ms, kind, actor, address, channel, subject, detail";
    private final Transactions tx;

    JdbcAuditLog(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void append(AuditEntry entry) {
        tx.run("write an audit entry", c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO audit (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, entry.time().toEpochMilli());
                s.setString(2, entry.kind().label());
                s.setString(3, entry.actor());
                s.setString(4, entry.address());
                s.setString(5, entry.channel());
                s.setString(6, entry.subject());
                s.setString(7, Json.write(entry.detail()));
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit WHERE 1 = 1");
        List<Object> values = new ArrayList<>();
        query.user().ifPresent(user -> {
            sql.append(" AND (actor = ? OR subject = ?)");
            values.add(user);
            values.add(user);
        });
        query.kind().ifPresent(kind -> {
            sql.append(" AND kind = ?");
            values.add(kind.label());
        });
        query.since().ifPresent(since -> {
            sql.append(" AND at_ms >= ?");
            values.add(since.toEpochMilli());
        });
        sql.append(" ORDER BY seq DESC");
        return tx.run("read the audit log", c -> {
            try (PreparedStatement q = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < values.size(); i++) {
                    q.setObject(i + 1, values.get(i));
                }
                q.setMaxRows(query.limit());
                try (ResultSet rs = q.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rs.next() && entries.size() < query.limit()) {
                        entries.add(entry(rs));
                    }
                    return entries;
                }
            }
        });
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        String kind = rs.getString(2);
        JsonObject detail;
        try {
            detail = Json.parseObject(rs.getString(7));
        } catch (JsonException e) {
            detail = JsonObject.builder().put("unreadable", true).build();
        }
        return new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), AuditKind.parse(kind).orElseThrow(() ->
                new SQLException("the audit log holds an entry of an unknown kind '" + kind + "'; run a newer"
                        + " JClaw")), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), detail);
    }
}
