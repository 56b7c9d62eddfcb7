package dev.jclaw.core.session;

import java.util.List;
import java.util.Optional;

/**
 * Where conversations are kept. Every write is durable when the method returns (write-through), and an append
 * and its leaf move happen together or not at all.
 *
 * <p>Thread-safety: implementations are safe for concurrent use; one turn at a time per session is the caller's
 * rule, so appends to one session come from one thread at a time.
 */
public interface SessionStore extends AutoCloseable {

    /**
     * Returns the current conversation at a key, starting one on first use.
     *
     * @param key the address
     * @return the conversation
     */
    SessionInfo current(SessionKey key);

    /**
     * Starts a new current conversation at a key ({@code /new}); earlier ones stay listed and resumable.
     *
     * @param key the address
     * @return the new conversation
     */
    SessionInfo rotate(SessionKey key);

    /**
     * Makes an earlier conversation of a key current again.
     *
     * @param key the address
     * @param id the conversation
     * @return it, or empty when the key has no such conversation
     */
    Optional<SessionInfo> resume(SessionKey key, SessionId id);

    /**
     * Lists a key's conversations, newest first.
     *
     * @param key the address
     * @return the conversations
     */
    List<SessionInfo> list(SessionKey key);

    /**
     * Appends an entry under the conversation's leaf and makes it the leaf.
     *
     * @param id the conversation
     * @param body what the entry says
     * @return the entry
     * @throws IllegalArgumentException when there is no such conversation
     */
    Entry append(SessionId id, Entry.Body body);

    /**
     * Returns the branch the conversation continues on, first entry first.
     *
     * @param id the conversation
     * @return the entries from the root to the leaf
     */
    List<Entry> path(SessionId id);

    /**
     * Moves the leaf to an earlier entry, so that the next append starts a branch.
     *
     * @param id the conversation
     * @param entryId an entry of the conversation
     * @throws IllegalArgumentException when the entry is not in the conversation
     */
    void moveLeaf(SessionId id, String entryId);

    /** Releases the store's resources. */
    @Override
    void close();
}
