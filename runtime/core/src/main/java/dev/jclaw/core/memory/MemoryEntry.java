package dev.jclaw.core.memory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * One remembered thing: a fact, a procedure or the archive of a finished conversation, as the
 * {@link MemoryStore} keeps it.
 *
 * @param id the id
 * @param namespace whose memory it is
 * @param layer fact, procedure or archive
 * @param type a free word that sorts entries of a layer, e.g. {@code preference}, {@code deploy}, {@code session};
 *             1 to {@value #MAX_TYPE} printable characters
 * @param content the text, 1 to {@value #MAX_CONTENT} characters
 * @param sourceSession the conversation it came from, empty when none (added by hand)
 * @param created when it was first stored
 * @param updated when its content last changed (a merged duplicate updates it)
 * @param useCount in how many user messages it was put before the model
 * @param lastUsed when that last happened
 * @param status active, archived (forgotten: kept, never retrieved) or merged (kept as the history of another entry)
 * @param archiveReason why it was forgotten, empty while active
 * @param mergedInto the entry it was merged into, present exactly when the status is {@link Status#MERGED}
 */
public record MemoryEntry(MemoryId id, Namespace namespace, MemoryLayer layer, String type, String content,
                          String sourceSession, Instant created, Instant updated, long useCount,
                          Optional<Instant> lastUsed, Status status, String archiveReason,
                          Optional<MemoryId> mergedInto) {
    /** The longest content, in characters. */
    public static final int MAX_CONTENT = 8_000;
    /** The longest type, in characters. */
    public static final int MAX_TYPE = 40;
    /** The longest reason for forgetting, in characters. */
    public static final int MAX_REASON = 500;

    /** Whether an entry takes part in retrieval. */
    public enum Status {
        /** Retrieved and listed. */
        ACTIVE,
        /** Forgotten: kept for the record, listed on request, never retrieved. */
        ARCHIVED,
        /**
         * A near duplicate's text, merged into another entry: kept, linked to it, listed on request, never retrieved;
         * splitting makes it active again.
         */
        MERGED
    }

    /** Checks the fields. */
    public MemoryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sourceSession, "sourceSession");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(lastUsed, "lastUsed");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(archiveReason, "archiveReason");
        Objects.requireNonNull(mergedInto, "mergedInto");
        if (mergedInto.isPresent() != (status == Status.MERGED)) {
            throw new IllegalArgumentException("a memory is merged into another exactly when its status is MERGED");
        }
        if (mergedInto.isPresent() && mergedInto.get().equals(id)) {
            throw new IllegalArgumentException("a memory cannot be merged into itself");
        }
        // stores keep milliseconds; so does the entry, so that what is read back equals what was written
        created = created.truncatedTo(ChronoUnit.MILLIS);
        updated = updated.truncatedTo(ChronoUnit.MILLIS);
        lastUsed = lastUsed.map(t -> t.truncatedTo(ChronoUnit.MILLIS));
        if (archiveReason.length() > MAX_REASON) {
            throw new IllegalArgumentException("a reason for forgetting is at most " + MAX_REASON + " characters");
        }
        if (type.isBlank() || type.length() > MAX_TYPE || type.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a memory type is 1 to " + MAX_TYPE + " characters on one line");
        }
        if (content.isBlank() || content.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("a memory's content is 1 to " + MAX_CONTENT + " characters, not blank;"
                    + " got " + content.length());
        }
        if (useCount < 0) {
            throw new IllegalArgumentException("a use count is not negative");
        }
    }

    /**
     * A new active entry.
     *
     * @param namespace whose memory
     * @param layer the layer
     * @param type its type
     * @param content its text
     * @param sourceSession the conversation it came from, or empty
     * @param now the time
     * @return the entry, with a new id
     */
    public static MemoryEntry create(Namespace namespace, MemoryLayer layer, String type, String content,
                                     String sourceSession, Instant now) {
        return new MemoryEntry(MemoryId.random(), namespace, layer, type, content, sourceSession, now, now, 0,
                Optional.empty(), Status.ACTIVE, "", Optional.empty());
    }

    /** @return whether a text holds half of a surrogate pair, which no UTF-8 encoder can write */
    static boolean brokenText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether it takes part in retrieval */
    public boolean active() {
        return status == Status.ACTIVE;
    }

    /**
     * The same entry with new content (a merged duplicate).
     *
     * @param text the content
     * @param now the time of the change
     * @return the changed entry
     */
    public MemoryEntry withContent(String text, Instant now) {
        return new MemoryEntry(id, namespace, layer, type, text, sourceSession, created, now, useCount, lastUsed,
                status, archiveReason, mergedInto);
    }

    /**
     * The same entry, forgotten.
     *
     * @param reason why
     * @param now the time
     * @return the archived entry
     */
    public MemoryEntry archived(String reason, Instant now) {
        return new MemoryEntry(id, namespace, layer, type, content, sourceSession, created, now, useCount, lastUsed,
                Status.ARCHIVED, reason, Optional.empty());
    }

    /**
     * The same entry as the history of another: a near duplicate merged into it.
     *
     * @param survivor the entry it is merged into
     * @param now the time
     * @return the merged entry
     */
    public MemoryEntry mergeInto(MemoryId survivor, Instant now) {
        return new MemoryEntry(id, namespace, layer, type, content, sourceSession, created, now, useCount, lastUsed,
                Status.MERGED, "", Optional.of(survivor));
    }

    /**
     * The same entry split back out of the one it was merged into: active again.
     *
     * @param now the time
     * @return the active entry
     */
    public MemoryEntry split(Instant now) {
        return new MemoryEntry(id, namespace, layer, type, content, sourceSession, created, now, useCount, lastUsed,
                Status.ACTIVE, "", Optional.empty());
    }
}
