package dev.jclaw.agent.gateway;

import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.core.session.SessionKey;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the turns running or queued per user and per conversation, so that one user cannot fill the server's
 * queues: a turn is admitted or refused with {@code BUSY} before it starts, and released when it ends.
 */
final class TurnQuota {
    private final GatewaySettings settings;
    private final Map<UserId, Integer> perUser = new HashMap<>();
    private final Map<SessionKey, Integer> perKey = new HashMap<>();

    TurnQuota(GatewaySettings settings) {
        this.settings = settings;
    }

    /**
     * Admits a turn or refuses it.
     *
     * @param user whose turn
     * @param key its conversation
     * @throws GatewayException BUSY when the user or the conversation has too many
     */
    synchronized void admit(UserId user, SessionKey key) {
        int mine = perUser.getOrDefault(user, 0);
        if (mine >= settings.maxTurnsPerUser()) {
            throw new GatewayException(GatewayException.Kind.BUSY, "you have " + mine + " turns running or waiting,"
                    + " the most allowed; wait for one to end");
        }
        int here = perKey.getOrDefault(key, 0);
        if (here > settings.maxQueuedPerConversation()) {
            throw new GatewayException(GatewayException.Kind.BUSY, "this conversation has " + (here - 1)
                    + " messages waiting, the most allowed; wait for the turn to end");
        }
        perUser.merge(user, 1, Integer::sum);
        perKey.merge(key, 1, Integer::sum);
    }

    /**
     * Releases an admitted turn.
     *
     * @param user whose turn
     * @param key its conversation
     */
    synchronized void release(UserId user, SessionKey key) {
        perUser.computeIfPresent(user, (u, n) -> n > 1 ? n - 1 : null);
        perKey.computeIfPresent(key, (k, n) -> n > 1 ? n - 1 : null);
    }
}
