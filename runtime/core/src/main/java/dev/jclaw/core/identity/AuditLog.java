package dev.jclaw.core.identity;

import java.util.List;

/**
 * The audit log: append-only. There is no way through this port to change or delete an entry. Failures of the
 * storage throw {@link IdentityStoreException}.
 */
public interface AuditLog {
    /**
     * Appends an entry.
     *
     * @param entry the entry
     */
    void append(AuditEntry entry);

    /**
     * Reads entries, newest first.
     *
     * @param query which ones
     * @return at most {@code query.limit()} entries, newest first
     */
    List<AuditEntry> query(AuditQuery query);
}
