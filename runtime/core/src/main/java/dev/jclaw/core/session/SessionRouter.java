package dev.jclaw.core.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes a stable address to its current conversation: {@link SessionKey} → {@link SessionId}, starting a
 * conversation on first use, repairing it when it is loaded, rotating it on {@code /new}.
 *
 * <pre>{@code
 * SessionRouter router = new SessionRouter(store);
 * SessionRouter.Loaded session = router.load(new SessionKey("web:alice"));
 * List<ChatMessage> history = Histories.messages(session.path());
 * }</pre>
 *
 * <p>Thread-safety: as safe as its store. Run {@link #load} under the key's turn ({@link TurnLocks}), so that no
 * turn is writing the results that repair would otherwise take for missing.
 *
 * <p>The router keeps no cache: every call asks the store, so a conversation deleted with
 * {@link SessionStore#delete} is never routed to again, and the next {@link #route} of its key starts a new one
 * when it was the current one.
 */
public final class SessionRouter {
    private final SessionStore store;

    /**
     * Creates a router.
     *
     * @param store where conversations are kept
     */
    public SessionRouter(SessionStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * A conversation ready for its next turn.
     *
     * @param header the conversation
     * @param path its branch, root first, with every tool call answered
     * @param repaired how many missing tool results were written while loading it
     */
    public record Loaded(SessionHeader header, List<Entry> path, int repaired) {
        /** Checks and copies the fields. */
        public Loaded {
            Objects.requireNonNull(header, "header");
            path = List.copyOf(path);
        }
    }

    /**
     * What {@code /new} did.
     *
     * @param previous the conversation that was current, empty when the key had none
     * @param current the new current conversation
     */
    public record Rotation(Optional<SessionHeader> previous, SessionHeader current) {
        /** Checks the fields. */
        public Rotation {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * Returns the current conversation at a key, starting one on first use.
     *
     * @param key the address
     * @return the conversation's id
     */
    public SessionId route(SessionKey key) {
        return store.current(key).id();
    }

    /**
     * Loads the current conversation at a key for its next turn: starts it on first use, and writes an error
     * result for every tool call that a crash left without one.
     *
     * @param key the address
     * @return the conversation and its branch
     */
    public Loaded load(SessionKey key) {
        SessionId id = route(key);
        int repaired = Histories.repair(store, id);
        SessionHeader header = store.header(id).orElseThrow(() -> new IllegalStateException(
                "session " + id + " vanished from the store while it was being loaded"));
        return new Loaded(header, store.path(id), repaired);
    }

    /**
     * Starts a new conversation at a key ({@code /new}); the previous one stays listed and resumable.
     *
     * @param key the address
     * @return the previous and the new conversation
     */
    public Rotation startNew(SessionKey key) {
        Optional<SessionHeader> previous = store.list(key).isEmpty() ? Optional.empty()
                : Optional.of(store.current(key));
        return new Rotation(previous, store.rotate(key));
    }

    /**
     * Makes an earlier conversation current again.
     *
     * @param key the address
     * @param id the conversation
     * @return it, or empty when the key has no such conversation
     */
    public Optional<SessionHeader> resume(SessionKey key, SessionId id) {
        return store.resume(key, id);
    }

    /**
     * Lists a key's conversations, newest first.
     *
     * @param key the address
     * @return the conversations
     */
    public List<SessionHeader> sessions(SessionKey key) {
        return store.list(key);
    }
}
