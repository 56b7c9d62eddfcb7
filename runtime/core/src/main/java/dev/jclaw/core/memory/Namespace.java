package dev.jclaw.core.memory;

import dev.jclaw.core.session.SessionKey;
import java.util.Objects;

/**
 * Whose memory: the owner of a session key. A direct chat's memory is the user's ({@code cli:alice},
 * {@code feishu:app:ou_123}); a group chat's is the whole chat's, shared by its members (team memory,
 * {@code feishu:app:oc_456}). The value is the session key it was derived from, so it is validated like one.
 *
 * @param value the namespace, e.g. {@code cli:alice}
 */
public record Namespace(String value) {
    /** Checks the value. */
    public Namespace {
        Objects.requireNonNull(value, "value");
        new SessionKey(value); // same rules: channel:name, printable, at most 200 characters
    }

    /**
     * The namespace of a session key.
     *
     * @param key the session key
     * @return its namespace
     */
    public static Namespace of(SessionKey key) {
        return new Namespace(key.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
