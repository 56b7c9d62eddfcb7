package dev.jclaw.server.openai;

import dev.jclaw.api.gateway.TurnEvent;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands a turn's events from the turn's thread to the request's, which writes them to the client: the turn never
 * waits for a slow client (the queue is unbounded, and a turn's output is bounded by its model's), and the request
 * thread wakes at least every {@code heartbeat} to keep an idle stream alive.
 */
final class TurnBridge implements Consumer<TurnEvent> {
    private final BlockingQueue<TurnEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void accept(TurnEvent event) {
        events.add(event);
    }

    /**
     * Takes the next event.
     *
     * @param heartbeat how long to wait
     * @return the event, or null when none came in time
     * @throws InterruptedException when the request thread is interrupted
     */
    TurnEvent next(Duration heartbeat) throws InterruptedException {
        return events.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Tells whether an event ends its turn.
     *
     * @param event the event
     * @return whether it is Done, Failed or Aborted
     */
    static boolean last(TurnEvent event) {
        return event instanceof TurnEvent.Done || event instanceof TurnEvent.Failed
                || event instanceof TurnEvent.Aborted;
    }
}
