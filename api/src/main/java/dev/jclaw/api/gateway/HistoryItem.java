package dev.jclaw.api.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * One message of a conversation's history as a channel shows it.
 *
 * @param role who said it
 * @param text what was said; for a tool, its output
 * @param tool the tool's name for {@link Role#TOOL}, else empty
 * @param images how many images a user message carried
 * @param at when
 * @since 1.3
 */
public record HistoryItem(Role role, String text, String tool, int images, Instant at) {

    /** Checks the fields. */
    public HistoryItem {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(at, "at");
    }

    /** Who said a message. */
    public enum Role {
        /** The user. */
        USER,
        /** The agent. */
        ASSISTANT,
        /** A tool's output. */
        TOOL,
        /** A summary that replaced older messages. */
        SUMMARY
    }
}
