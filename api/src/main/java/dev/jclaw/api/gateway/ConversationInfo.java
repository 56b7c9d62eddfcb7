package dev.jclaw.api.gateway;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation as listed to its owner.
 *
 * @param id the conversation
 * @param key where it lives in its owner's space
 * @param owner whose it is
 * @param created when it started
 * @param updated when its latest message was written; when it started, before the first
 * @param title its title, when it has one
 * @param model the model it uses when not the default
 * @param current whether it is the one its key's next message goes to
 * @since 1.3
 */
public record ConversationInfo(ConversationId id, ConversationKey key, UserId owner, Instant created,
                               Instant updated, Optional<String> title, Optional<String> model, boolean current) {

    /** Checks the fields. */
    public ConversationInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(model, "model");
    }
}
