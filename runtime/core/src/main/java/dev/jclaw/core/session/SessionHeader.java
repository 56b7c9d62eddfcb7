package dev.jclaw.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A conversation as listed: who it belongs to, what it is called, and where it continues.
 *
 * @param id its id
 * @param key the address it belongs to
 * @param created when it started
 * @param title a title for people, at most {@value #MAX_NAME} characters on one line; empty when untitled
 * @param model the model this conversation uses instead of the configured default; empty for the default
 * @param leaf the entry the conversation continues from; empty before the first entry
 * @param updated when the leaf entry was written: the conversation's latest message; its start before the first
 */
public record SessionHeader(SessionId id, SessionKey key, Instant created, Optional<String> title,
                            Optional<String> model, Optional<EntryId> leaf, Instant updated) {
    /** The longest title or model name, in characters. */
    public static final int MAX_NAME = 200;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the title or model name is blank, too long or not one printable line
     */
    public SessionHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(updated, "updated");
        title.ifPresent(t -> check("title", t));
        model.ifPresent(m -> check("model name", m));
    }

    /**
     * A conversation that has just started: untitled, on the default model, with no entries.
     *
     * @param id its id
     * @param key its address
     * @param created when it started
     * @return the header
     */
    public static SessionHeader started(SessionId id, SessionKey key, Instant created) {
        return new SessionHeader(id, key, created, Optional.empty(), Optional.empty(), Optional.empty(), created);
    }

    /**
     * @param entry the new leaf
     * @param at when that entry was written
     * @return this header with another leaf
     */
    public SessionHeader withLeaf(EntryId entry, Instant at) {
        return new SessionHeader(id, key, created, title, model, Optional.of(entry), at);
    }

    /**
     * @param text the new title; empty removes it
     * @return this header with another title
     * @throws IllegalArgumentException when the title is blank, too long or not one printable line
     */
    public SessionHeader withTitle(String text) {
        return new SessionHeader(id, key, created, optional(text), model, leaf, updated);
    }

    /**
     * @param name the model to use; empty returns to the configured default
     * @return this header with another model
     * @throws IllegalArgumentException when the name is blank, too long or not one printable line
     */
    public SessionHeader withModel(String name) {
        return new SessionHeader(id, key, created, title, optional(name), leaf, updated);
    }

    private static Optional<String> optional(String text) {
        return Objects.requireNonNull(text, "text").isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static void check(String what, String text) {
        if (text.isBlank() || text.length() > MAX_NAME || Text.hasUnprintable(text)) {
            throw new IllegalArgumentException("a session's " + what + " is 1 to " + MAX_NAME
                    + " characters on one line, not blank, got " + Text.quote(text));
        }
    }
}
