package dev.jclaw.core.identity;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * An audit log that also writes each entry as one JSON line to the logger {@code jclaw.audit} (level INFO), after
 * the store took it, so that log shipping sees the same events as {@code GET /api/audit}.
 */
public final class LoggedAuditLog implements AuditLog {
    private static final System.Logger LOG = System.getLogger("jclaw.audit");
    private final AuditLog store;

    /**
     * @param store where entries are kept
     */
    public LoggedAuditLog(AuditLog store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void append(AuditEntry entry) {
        store.append(entry);
        LOG.log(System.Logger.Level.INFO, () -> Json.write(json(entry)));
    }

    @Override
    public List<AuditEntry> query(AuditQuery query) {
        return store.query(query);
    }

    /**
     * The entry as JSON, as the log, the API and {@code jclaw audit --json} write it.
     *
     * @param entry the entry
     * @return {@code {"time","kind","actor","address","channel","subject","detail"}}
     */
    public static JsonObject json(AuditEntry entry) {
        return JsonObject.builder()
                .put("time", entry.time().toString())
                .put("kind", entry.kind().label())
                .put("actor", entry.actor())
                .put("address", entry.address())
                .put("channel", entry.channel())
                .put("subject", entry.subject())
                .put("detail", entry.detail())
                .build();
    }
}
