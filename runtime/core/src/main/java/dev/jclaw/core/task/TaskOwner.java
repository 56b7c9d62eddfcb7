package dev.jclaw.core.task;

import dev.jclaw.core.session.SessionKey;
import java.util.Objects;

/**
 * Who a task belongs to: a session key ({@code cli:alice}), whose {@code /tasks} lists and may cancel it, or
 * {@code system} for the runtime's own work, which only the admin listing shows.
 *
 * @param value {@code system} or a session key
 */
public record TaskOwner(String value) {
    /** The runtime itself. */
    public static final TaskOwner SYSTEM = new TaskOwner("system");

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when the value is neither {@code system} nor a session key
     */
    public TaskOwner {
        Objects.requireNonNull(value, "value");
        if (!value.equals("system")) {
            try {
                new SessionKey(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a task owner is 'system' or a session key: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param key the session
     * @return the owner that is this session
     */
    public static TaskOwner of(SessionKey key) {
        return new TaskOwner(key.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
