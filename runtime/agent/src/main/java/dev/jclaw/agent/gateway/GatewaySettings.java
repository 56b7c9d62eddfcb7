package dev.jclaw.agent.gateway;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The gateway's limits and where its conversations' workspaces live.
 *
 * @param workspaceRoot the root of the workspaces: {@code users/<user>} and {@code teams/<team>} under it
 * @param maxTurnsPerUser how many turns one user may have running or queued at once, across conversations
 * @param maxQueuedPerConversation how many turns may wait behind the running one in one conversation
 */
public record GatewaySettings(Path workspaceRoot, int maxTurnsPerUser, int maxQueuedPerConversation) {

    /** Checks the fields. */
    public GatewaySettings {
        Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        if (maxTurnsPerUser < 1 || maxQueuedPerConversation < 0) {
            throw new IllegalArgumentException("a user needs at least one turn, and a queue cannot be negative");
        }
    }

    /**
     * The defaults: 4 turns per user, 8 waiting per conversation.
     *
     * @param workspaceRoot the root of the workspaces
     * @return the settings
     */
    public static GatewaySettings defaults(Path workspaceRoot) {
        return new GatewaySettings(workspaceRoot, 4, 8);
    }
}
