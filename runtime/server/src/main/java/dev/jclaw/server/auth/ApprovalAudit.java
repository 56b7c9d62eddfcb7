package dev.jclaw.server.auth;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.approval.ApprovalEvent;
import dev.jclaw.core.approval.ApprovalListener;
import dev.jclaw.core.approval.Decision;
import dev.jclaw.core.approval.PendingApproval;
import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditLog;
import dev.jclaw.core.session.OwnedKeys;
import dev.jclaw.core.session.SessionKey;
import java.util.function.Supplier;

/**
 * Writes every approval request, decision and tier refusal to the audit log: who, through which channel, which
 * tool, and the SHA-256 of its arguments — never the arguments themselves.
 */
public final class ApprovalAudit implements ApprovalListener {
    private final Supplier<AuditLog> audit;

    /**
     * Creates the listener.
     *
     * @param audit the audit log, looked up per event (the user database opens on first use)
     */
    public ApprovalAudit(Supplier<AuditLog> audit) {
        this.audit = audit;
    }

    @Override
    public void on(ApprovalEvent event) {
        AuditEntry entry = switch (event) {
            case ApprovalEvent.Requested r -> new AuditEntry(r.approval().created(), AuditKind.APPROVAL_REQUESTED,
                    r.approval().originator().value(), "", channel(r.approval().sessionKey()), r.approval().tool(),
                    detail(r.approval()).build());
            case ApprovalEvent.Decided d -> decided(d);
            case ApprovalEvent.Refused r -> new AuditEntry(r.at(), AuditKind.TOOL_REFUSED, r.user().value(), "",
                    channel(r.sessionKey()), r.tool(), JsonObject.builder().put("tool", r.tool())
                    .put("arguments_sha256", r.argumentsDigest()).put("tier", r.tier().label())
                    .put("reason", r.reason()).build());
        };
        audit.get().append(entry);
    }

    private static AuditEntry decided(ApprovalEvent.Decided d) {
        JsonObject.Builder detail = detail(d.approval());
        String actor;
        String channel;
        switch (d.decision()) {
            case Decision.Answered a -> {
                actor = a.by().value();
                channel = a.channel();
                detail.put("decision", a.approved() ? "approved" : "denied").put("as_admin", a.admin());
            }
            case Decision.Expired e -> {
                actor = d.approval().originator().value();
                channel = channel(d.approval().sessionKey());
                detail.put("decision", "expired");
            }
            case Decision.Aborted a -> {
                actor = d.approval().originator().value();
                channel = channel(d.approval().sessionKey());
                detail.put("decision", "aborted").put("reason", a.reason());
            }
        }
        return new AuditEntry(d.at(), AuditKind.APPROVAL_DECIDED, actor, "", channel, d.approval().tool(),
                detail.build());
    }

    private static JsonObject.Builder detail(PendingApproval p) {
        return JsonObject.builder().put("approval", p.id().value()).put("tool", p.tool())
                .put("arguments_sha256", p.argumentsDigest()).put("originator", p.originator().value());
    }

    /** The channel of a session key: {@code web} for {@code user:alice/web/chat-1}, {@code cli} for {@code cli:alice}. */
    private static String channel(String sessionKey) {
        SessionKey key = new SessionKey(sessionKey);
        return OwnedKeys.address(key).map(a -> a.channel()).orElse(key.channel());
    }
}
