package dev.jclaw.core.session;

import java.time.Duration;
import java.util.function.IntConsumer;

/**
 * One turn at a time per session key. A caller takes a {@link Ticket}, waits until it is at the head of the
 * key's queue, runs its turn and closes the ticket; callers behind it wait in arrival order (FIFO) and can tell
 * how many turns are ahead of them.
 *
 * <pre>{@code
 * try (TurnLocks.Ticket ticket = locks.enter(key)) {
 *     if (!ticket.await(Duration.ofMinutes(10), ahead -> events.accept(new AgentEvent.Queued(ahead)))) {
 *         return; // timed out, or withdrawn by close() from another thread
 *     }
 *     runTheTurn();
 * } // releases the turn, or leaves the queue
 * }</pre>
 *
 * <p>Turns do not nest: a holder that enters the same key again waits for itself forever. The lock is per key,
 * not per conversation, so that {@code /new} and {@code /resume} also wait for a running turn.
 */
public interface TurnLocks {

    /**
     * Joins the end of a key's queue. Returns at once; the ticket holds the turn when no one is ahead of it.
     *
     * @param key the session key
     * @return the ticket; close it in every case
     */
    Ticket enter(SessionKey key);

    /**
     * Counts the tickets of a key: the holder and those waiting.
     *
     * @param key the session key
     * @return 0 when no turn runs, 1 when one runs and none waits, and so on
     */
    int queueLength(SessionKey key);

    /** A place in a key's queue. Not reusable: once closed, it stays closed. */
    interface Ticket extends AutoCloseable {

        /** @return the key this ticket queues for */
        SessionKey key();

        /**
         * Tells how many tickets are ahead of this one.
         *
         * @return 0 when this ticket holds the turn, 1 when it is next, and so on
         * @throws IllegalStateException when the ticket is closed
         */
        int position();

        /** @return whether {@link #close()} was called */
        boolean isClosed();

        /**
         * Waits until this ticket holds the turn. The ticket stays in the queue when the wait ends otherwise.
         *
         * @param timeout how long to wait at most
         * @param positions told, on the waiting thread, the position each time it changes while waiting (never 0)
         * @return true when the ticket holds the turn; false when the time ran out or the ticket was closed
         * @throws InterruptedException when the waiting thread is interrupted
         */
        boolean await(Duration timeout, IntConsumer positions) throws InterruptedException;

        /**
         * Waits until this ticket holds the turn.
         *
         * @param timeout how long to wait at most
         * @return true when the ticket holds the turn; false when the time ran out or the ticket was closed
         * @throws InterruptedException when the waiting thread is interrupted
         */
        default boolean await(Duration timeout) throws InterruptedException {
            return await(timeout, position -> {
            });
        }

        /** Releases the turn if this ticket holds it, or leaves the queue; may be called from any thread. */
        @Override
        void close();
    }
}
