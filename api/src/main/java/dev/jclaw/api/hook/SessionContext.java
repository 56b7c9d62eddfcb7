package dev.jclaw.api.hook;

import java.util.Objects;

/**
 * A conversation, as hooks that are not about one turn see it (compaction may run between turns).
 *
 * @param sessionKey the stable address of the conversation, e.g. {@code cli:alice}
 * @param sessionId the current conversation
 * @since 0.1 (plugin API 1.1)
 */
public record SessionContext(String sessionKey, String sessionId) {
    /** Checks the fields. */
    public SessionContext {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
