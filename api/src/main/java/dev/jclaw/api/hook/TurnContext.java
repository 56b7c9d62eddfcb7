package dev.jclaw.api.hook;

import java.util.Objects;

/**
 * A turn: one user message and everything the agent does to answer it.
 *
 * @param sessionKey the stable address of the conversation
 * @param sessionId the current conversation
 * @param userMessage what the user said
 * @since 0.1
 */
public record TurnContext(String sessionKey, String sessionId, String userMessage) {
    /** Checks the fields. */
    public TurnContext {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(userMessage, "userMessage");
    }

    /**
     * Returns the conversation this turn belongs to.
     *
     * @return the session key and id
     * @since 0.1 (plugin API 1.1)
     */
    public SessionContext session() {
        return new SessionContext(sessionKey, sessionId);
    }
}
