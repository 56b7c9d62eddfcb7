package dev.jclaw.api.gateway;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conversation's id, as the gateway hands it out: stable across restarts, unguessable enough not to matter
 * (ownership is checked on every use anyway).
 *
 * @param value the id
 * @since 1.3
 */
public record ConversationId(String value) {
    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when it is not 1 to 64 letters, digits, '_' or '-'
     */
    public ConversationId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a conversation id is 1 to 64 letters, digits, '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
