package dev.jclaw.server.auth;

import java.util.Objects;

/**
 * Who performs an account operation, for the audit log.
 *
 * @param name a user id, {@code admin} (the bootstrap token) or {@code cli:OSUSER} (an operator at the terminal)
 * @param channel {@code cli} or {@code http}
 * @param address the client's address, empty at the terminal
 */
public record Actor(String name, String channel, String address) {
    /** Checks the fields. */
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
    }

    /**
     * The operator at this terminal: {@code cli:} and the OS user's name.
     *
     * @return the actor
     */
    public static Actor terminal() {
        String user = System.getProperty("user.name", "");
        return new Actor(user.isBlank() ? "cli" : "cli:" + user, "cli", "");
    }
}
