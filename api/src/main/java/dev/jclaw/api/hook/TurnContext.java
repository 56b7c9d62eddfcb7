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
}
