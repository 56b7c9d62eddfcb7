package dev.jclaw.core.session;

import java.time.Instant;
import java.util.Objects;

/**
 * A conversation as listed.
 *
 * @param id its id
 * @param key the address it belongs to
 * @param created when it started
 * @param leaf the id of the entry the conversation continues from, empty when it has none
 */
public record SessionInfo(SessionId id, SessionKey key, Instant created, String leaf) {
    /** Checks the fields. */
    public SessionInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(leaf, "leaf");
    }
}
