package dev.jclaw.core.session;

import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.UserId;
import java.util.Optional;

/**
 * The session keys of the agent gateway: {@code user:<user>/<channel>/<name>}, e.g. {@code user:alice/web/chat-7}.
 * All of a principal's conversations share one prefix ({@code user:alice/}), whatever channel they came through,
 * and no address one user can name is another's. Keys of other forms (e.g. the terminal's {@code cli:alice}) have no
 * owner.
 */
public final class OwnedKeys {
    /** The channel part of every gateway key. */
    public static final String CHANNEL = "user";

    private OwnedKeys() {
    }

    /**
     * Returns the session key of a principal's conversation address.
     *
     * @param owner the principal's user
     * @param key the address in its space
     * @return {@code user:<user>/<channel>/<name>}
     */
    public static SessionKey of(UserId owner, ConversationKey key) {
        return new SessionKey(prefix(owner) + key.channel() + "/" + key.name());
    }

    /**
     * Returns the prefix all of a user's gateway keys share.
     *
     * @param owner the user
     * @return {@code user:<user>/}
     */
    public static String prefix(UserId owner) {
        return CHANNEL + ":" + owner.value() + "/";
    }

    /**
     * Reads the owner of a gateway key.
     *
     * @param key a session key
     * @return its user, or empty when the key is not of the gateway's form
     */
    public static Optional<UserId> owner(SessionKey key) {
        return parts(key).map(parts -> new UserId(parts[0]));
    }

    /**
     * Reads the address of a gateway key.
     *
     * @param key a session key
     * @return the address, or empty when the key is not of the gateway's form
     */
    public static Optional<ConversationKey> address(SessionKey key) {
        return parts(key).map(parts -> new ConversationKey(parts[1], parts[2]));
    }

    private static Optional<String[]> parts(SessionKey key) {
        if (!key.channel().equals(CHANNEL)) {
            return Optional.empty();
        }
        String[] parts = key.name().split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            new UserId(parts[0]);
            new ConversationKey(parts[1], parts[2]);
            return Optional.of(parts);
        } catch (IllegalArgumentException notOwned) {
            return Optional.empty();
        }
    }
}
