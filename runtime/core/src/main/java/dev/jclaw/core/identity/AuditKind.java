package dev.jclaw.core.identity;

import java.util.Locale;
import java.util.Optional;

/** What an audit entry records; its {@link #label()} is what the log, the API and {@code jclaw audit} show. */
public enum AuditKind {
    /** A login succeeded. */
    LOGIN_OK("login.ok"),
    /** A login failed: wrong password, unknown user or disabled user. */
    LOGIN_FAILED("login.failed"),
    /** A login was refused without checking because of earlier failures. */
    LOGIN_THROTTLED("login.throttled"),
    /** A login session ended by logout. */
    LOGOUT("logout"),
    /** An API key was made. */
    KEY_CREATED("key.created"),
    /** An API key was revoked. */
    KEY_REVOKED("key.revoked"),
    /** A user was added. */
    USER_ADDED("user.added"),
    /** A user's tier, password or state changed. */
    USER_CHANGED("user.changed"),
    /** A user was removed. */
    USER_REMOVED("user.removed"),
    /** A tool call waits for a yes. */
    APPROVAL_REQUESTED("approval.requested"),
    /** A waiting tool call was allowed or refused, by a person or by its deadline. */
    APPROVAL_DECIDED("approval.decided"),
    /** A tool call was refused by the tier or a policy without asking. */
    TOOL_REFUSED("tool.refused"),
    /** Something an administrator did through the admin API. */
    ADMIN_ACTION("admin.action");

    private final String label;

    AuditKind(String label) {
        this.label = label;
    }

    /** @return the kind as written, e.g. {@code login.failed} */
    public String label() {
        return label;
    }

    /**
     * Finds a kind by its label.
     *
     * @param text e.g. {@code login.failed} (case ignored)
     * @return the kind, or empty when there is none by that name
     */
    public static Optional<AuditKind> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (AuditKind kind : values()) {
            if (kind.label.equals(wanted)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** @return every label, comma separated, for messages */
    public static String labels() {
        StringBuilder all = new StringBuilder();
        for (AuditKind kind : values()) {
            all.append(all.isEmpty() ? "" : ", ").append(kind.label);
        }
        return all.toString();
    }
}
