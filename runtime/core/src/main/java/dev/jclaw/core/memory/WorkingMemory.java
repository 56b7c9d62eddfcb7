package dev.jclaw.core.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * L1: a conversation's scratchpad of key/value notes the agent keeps with {@code update_working_memory}, put before
 * the model in every turn as {@code <working_memory>}. At most {@value #MAX_CHARS} characters of keys and values per
 * conversation — the oldest notes go first when a new one does not fit — and kept {@link #TTL} after the last change.
 * Bounded in conversations too: past {@value #MAX_CONVERSATIONS}, the least recently changed is dropped.
 *
 * <p>Thread-safety: safe for concurrent use (one lock).
 */
public final class WorkingMemory {
    /** The most characters of keys and values one conversation keeps. */
    public static final int MAX_CHARS = 1_024;
    /** How long notes are kept after their conversation's last change. */
    public static final Duration TTL = Duration.ofDays(7);
    static final int MAX_CONVERSATIONS = 10_000;
    private static final int MAX_KEY = 64;

    private final Clock clock;
    private final LinkedHashMap<String, Notes> conversations = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Notes {
        final LinkedHashMap<String, String> values = new LinkedHashMap<>();
        Instant changed;
    }

    /**
     * Creates an empty working memory.
     *
     * @param clock the clock of the time-to-live
     */
    public WorkingMemory(Clock clock) {
        this.clock = clock;
    }

    /**
     * Sets a note, or removes it when the value is empty.
     *
     * @param sessionId the conversation
     * @param key the note's name, 1 to 64 characters on one line
     * @param value its text; empty removes the note
     * @return what happened, in one sentence for the model
     * @throws IllegalArgumentException for a bad key or a value longer than the whole budget
     */
    public synchronized String put(String sessionId, String key, String value) {
        String k = key.strip();
        if (k.isEmpty() || k.length() > MAX_KEY || k.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a working-memory key is 1 to " + MAX_KEY + " characters on one line");
        }
        if (k.length() + value.length() > MAX_CHARS) {
            throw new IllegalArgumentException("a note is at most " + MAX_CHARS + " characters with its key; this one"
                    + " has " + (k.length() + value.length()));
        }
        Notes notes = live(sessionId);
        if (value.isEmpty()) {
            notes.values.remove(k);
            notes.changed = clock.instant();
            return "removed " + k;
        }
        notes.values.remove(k);
        notes.values.put(k, value);
        int evicted = 0;
        while (size(notes) > MAX_CHARS) {
            notes.values.remove(notes.values.keySet().iterator().next());
            evicted++;
        }
        notes.changed = clock.instant();
        while (conversations.size() > MAX_CONVERSATIONS) {
            conversations.remove(conversations.keySet().iterator().next());
        }
        return "noted " + k + (evicted == 0 ? "" : "; " + evicted + " older note" + (evicted == 1 ? " was" : "s were")
                + " dropped to stay within " + MAX_CHARS + " characters");
    }

    /**
     * Renders a conversation's notes for the per-turn context.
     *
     * @param sessionId the conversation
     * @return the {@code <working_memory>} block, or empty text when there are no notes
     */
    public synchronized String render(String sessionId) {
        Notes notes = conversations.get(sessionId);
        if (notes == null || expired(notes)) {
            conversations.remove(sessionId);
            return "";
        }
        if (notes.values.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("<working_memory>\n");
        notes.values.forEach((k, v) -> out.append(escape(k)).append(": ").append(escape(v)).append('\n'));
        return out.append("</working_memory>").toString();
    }

    /** @return a conversation's notes, oldest first */
    public synchronized Map<String, String> notes(String sessionId) {
        Notes notes = conversations.get(sessionId);
        return notes == null || expired(notes) ? Map.of() : Map.copyOf(notes.values);
    }

    private Notes live(String sessionId) {
        Notes notes = conversations.get(sessionId);
        if (notes == null || expired(notes)) {
            notes = new Notes();
            conversations.put(sessionId, notes);
        }
        return notes;
    }

    private boolean expired(Notes notes) {
        return notes.changed != null && notes.changed.plus(TTL).isBefore(clock.instant());
    }

    private static int size(Notes notes) {
        int n = 0;
        for (Map.Entry<String, String> e : notes.values.entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
