package dev.jclaw.config;

import dev.jclaw.api.json.JsonObject;
import java.time.Duration;

/**
 * {@code gateway} in {@code jclaw.json} (already validated against the schema, which gives the bounds): the limits of
 * the agent gateway every channel goes through.
 *
 * @param maxTurnsPerUser how many turns one user may have running or waiting at once
 * @param maxQueuedPerConversation how many messages may wait behind the running turn of one conversation
 * @param approvalDeadline how long a tool call waits for a yes before it is refused
 */
public record GatewayConfig(int maxTurnsPerUser, int maxQueuedPerConversation, Duration approvalDeadline) {

    /**
     * Reads the section from a validated configuration.
     *
     * @param config the configuration
     * @return the settings, defaults where the file says nothing
     */
    public static GatewayConfig of(JClawConfig config) {
        JsonObject g = config.raw().optObject("gateway").orElse(JsonObject.EMPTY);
        return new GatewayConfig(Math.toIntExact(g.optLong("max-turns-per-user").orElse(4L)),
                Math.toIntExact(g.optLong("max-queued-per-conversation").orElse(8L)),
                Duration.ofSeconds(g.optLong("approval-deadline-seconds").orElse(300L)));
    }
}
