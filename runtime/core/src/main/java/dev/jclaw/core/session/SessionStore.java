package dev.jclaw.core.session;

import java.util.List;
import java.util.Optional;

/**
 * Where conversations are kept: for each {@link SessionKey}, a list of conversations of which one is current, and
 * for each conversation a tree of {@link Entry entries} with a leaf.
 *
 * <p>Durability: every write is durable when the method returns (write-through), and an append and its leaf move
 * happen together or not at all, so a crash loses at most the write in flight. Times are kept to the millisecond, so
 * an entry read back equals the one {@link #append} returned. What a crash can leave behind is a
 * tool call whose result was never written; {@link Histories#repair} closes it when the conversation is loaded.
 *
 * <p>Thread-safety: implementations are safe for concurrent use. Concurrent appends to one conversation are
 * serialised (each lands under the one before it), though the runtime only ever runs one turn at a time per
 * session key ({@link TurnLocks}).
 *
 * <pre>{@code
 * SessionId id = store.current(new SessionKey("cli:alice")).id();
 * Histories.repair(store, id);
 * List<ChatMessage> history = Histories.messages(store.path(id));
 * store.append(id, new Entry.User("hello"));
 * }</pre>
 *
 * <p>Every implementation passes {@code SessionStoreContract} of the testkit.
 */
public interface SessionStore extends AutoCloseable {
    /** The most conversations {@link #listByKeyPrefix} returns at once. */
    int MAX_LIST = 1000;

    /**
     * Returns the current conversation at a key, starting one on first use. Two first uses at once get the same
     * conversation.
     *
     * @param key the address
     * @return the conversation
     */
    SessionHeader current(SessionKey key);

    /**
     * Returns the current conversation at a key without starting one: for a reader (a listing, a lookup) that must
     * not create what it looks at.
     *
     * @param key the address
     * @return the conversation the key's next message goes to, or empty when the key was never used or its current
     *         conversation was deleted
     */
    Optional<SessionHeader> findCurrent(SessionKey key);

    /**
     * Starts a new conversation at a key and makes it current ({@code /new}); earlier ones stay listed and
     * resumable.
     *
     * @param key the address
     * @return the new conversation
     */
    SessionHeader rotate(SessionKey key);

    /**
     * Makes an earlier conversation of a key current again.
     *
     * @param key the address
     * @param id the conversation
     * @return it, or empty when the key has no such conversation (nothing changes then)
     */
    Optional<SessionHeader> resume(SessionKey key, SessionId id);

    /**
     * Lists a key's conversations, newest first.
     *
     * @param key the address
     * @return the conversations, empty for a key never used
     */
    List<SessionHeader> list(SessionKey key);

    /**
     * Lists the conversations whose session key starts with a prefix, across keys, newest first: e.g. the prefix
     * {@code web:alice:} finds {@code web:alice:chat-1} and {@code web:alice:chat-2}. The prefix is literal
     * ({@code %}, {@code _} and backslashes match only themselves) and compared by characters, case-sensitively.
     * The empty prefix matches every key; a prefix no key could start with (longer than
     * {@value SessionKey#MAX_LENGTH} characters, or holding a control character or half of a surrogate pair)
     * matches none.
     *
     * @param prefix the start of the keys
     * @param limit the most conversations to return, 1 to {@value #MAX_LIST}
     * @return the conversations, newest first
     * @throws IllegalArgumentException when the limit is out of range
     */
    List<SessionHeader> listByKeyPrefix(String prefix, int limit);

    /**
     * Moves every conversation of one key to another, atomically: an address renamed, e.g. the terminal's
     * {@code cli:alice} of earlier versions adopted as the gateway's {@code user:admin/cli/alice}. The moved
     * conversations join the target's list with their entries, titles and models; the target's current conversation
     * stays current, or, when it has none, the source's current one becomes it. The source key is empty afterwards.
     *
     * @param from the old address
     * @param to the new address
     * @return how many conversations moved; 0 when the old address has none (nothing changes then)
     * @throws SessionStoreException when the storage fails; nothing moved then
     * @since 1.3
     */
    int moveKey(SessionKey from, SessionKey to);

    /**
     * Deletes a conversation and all its entries, atomically: a failure leaves it whole. If it was the current
     * conversation of its key, the key's next {@link #current} starts a new one. An append racing with the delete
     * either lands before it (and is deleted with it) or fails with {@link IllegalArgumentException}.
     *
     * @param id the conversation
     * @return whether it existed
     * @throws SessionStoreException when the storage fails; nothing was deleted then
     */
    boolean delete(SessionId id);

    /**
     * Looks a conversation up.
     *
     * @param id the conversation
     * @return its header, or empty when there is no such conversation
     */
    Optional<SessionHeader> header(SessionId id);

    /**
     * Appends an entry under the conversation's leaf and makes it the leaf, in one atomic, durable step.
     *
     * @param id the conversation
     * @param body what the entry says
     * @return the entry as stored
     * @throws IllegalArgumentException when there is no such conversation, or a compaction summary names an entry
     *                                  that is not on the branch
     * @throws SessionStoreException when the storage fails; nothing was written then
     */
    Entry append(SessionId id, Entry.Body body);

    /**
     * Appends entries one under the other, starting under the conversation's leaf, and makes the last the leaf, in
     * one atomic, durable step: all land or none. A turn writes its steps this way, one write per step rather than
     * one per entry.
     *
     * @param id the conversation
     * @param bodies what the entries say, in order; none writes nothing
     * @return the entries as stored, in order
     * @throws IllegalArgumentException as {@link #append} does, for any of them; nothing was written then
     * @throws SessionStoreException when the storage fails; nothing was written then
     */
    List<Entry> appendAll(SessionId id, List<Entry.Body> bodies);

    /**
     * Returns the branch the conversation continues on: the entries from the root to the leaf.
     *
     * @param id the conversation
     * @return the entries, first entry first; empty before the first append
     * @throws IllegalArgumentException when there is no such conversation
     */
    List<Entry> path(SessionId id);

    /**
     * Moves the leaf to another entry of the conversation, so that the next append starts a branch there. The
     * entries of the old branch stay stored.
     *
     * @param id the conversation
     * @param entry an entry of the conversation
     * @throws IllegalArgumentException when there is no such conversation or the entry is not in it
     */
    void moveLeaf(SessionId id, EntryId entry);

    /**
     * Sets or removes a conversation's title.
     *
     * @param id the conversation
     * @param title the title, at most {@value SessionHeader#MAX_NAME} characters on one line; empty removes it
     * @return the header as stored
     * @throws IllegalArgumentException when there is no such conversation or the title is malformed
     */
    SessionHeader setTitle(SessionId id, String title);

    /**
     * Sets the model a conversation uses instead of the configured default.
     *
     * @param id the conversation
     * @param model the model name; empty returns to the default
     * @return the header as stored
     * @throws IllegalArgumentException when there is no such conversation or the name is malformed
     */
    SessionHeader setModel(SessionId id, String model);

    /**
     * Checks the limit of a {@link #listByKeyPrefix} call, for implementations.
     *
     * @param limit the most conversations to return
     * @return the limit
     * @throws IllegalArgumentException when it is not 1 to {@value #MAX_LIST}
     */
    static int checkListLimit(int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new IllegalArgumentException("a listing returns 1 to " + MAX_LIST + " conversations, not " + limit);
        }
        return limit;
    }

    /** Releases the store's resources. */
    @Override
    void close();
}
