package dev.jclaw.agent;

import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.Usage;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.EntryId;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionUsage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Writes one {@link Entry.TurnUsage} at the end of every turn that reached the model, and answers what a
 * conversation cost so far without reading its whole branch each time: the sum is kept per session key, tagged
 * with the session and the last entry it covers, and worked out again from the store when either moved (another
 * conversation, a branch, an entry written by someone else).
 */
final class UsageLedger {
    private final SessionStore store;
    private final Map<SessionKey, Tally> tallies = new ConcurrentHashMap<>();

    /** A conversation's sum up to an entry. */
    private record Tally(SessionId session, Optional<EntryId> upTo, SessionUsage total,
                         Optional<Entry.TurnUsage> last) {
    }

    UsageLedger(SessionStore store) {
        this.store = store;
    }

    /**
     * Follows one turn's events, on the turn's thread, and passes each on.
     *
     * @param events where the events go next
     * @return the watch to hand the turn, then to {@link #record}
     */
    Watch watch(Consumer<AgentEvent> events) {
        return new Watch(events);
    }

    /**
     * Writes the turn's usage to its conversation, unless the turn never reached the model (no model configured,
     * an error before the first answer): then there is nothing to account.
     *
     * @param key the session key
     * @param id the conversation the turn ran in
     * @param model the model it used
     * @param watch the watch the turn's events went through; the turn has ended
     */
    void record(SessionKey key, SessionId id, String model, Watch watch) {
        if (!watch.reached) {
            return;
        }
        Entry.TurnUsage body = new Entry.TurnUsage(watch.usage, watch.steps, model);
        Entry written = store.append(id, body);
        tallies.computeIfPresent(key, (k, t) -> t.session().equals(id) && t.upTo().equals(written.parent())
                ? new Tally(id, Optional.of(written.id()), t.total().plus(body), Optional.of(body)) : null);
    }

    /**
     * @param key the session key
     * @param header its current conversation
     * @return the usage summed over the conversation's branch
     */
    SessionUsage usage(SessionKey key, SessionHeader header) {
        return tally(key, header).total();
    }

    /**
     * @param key the session key
     * @param header its current conversation
     * @return the usage of the conversation's last accounted turn
     */
    Optional<Entry.TurnUsage> last(SessionKey key, SessionHeader header) {
        return tally(key, header).last();
    }

    private Tally tally(SessionKey key, SessionHeader header) {
        Tally cached = tallies.get(key);
        if (cached != null && cached.session().equals(header.id()) && cached.upTo().equals(header.leaf())) {
            return cached;
        }
        List<Entry> path = store.path(header.id());
        Optional<Entry.TurnUsage> last = Optional.empty();
        for (Entry e : path) {
            if (e.body() instanceof Entry.TurnUsage u) {
                last = Optional.of(u);
            }
        }
        // tagged with what was read, not with the header, which may have moved on meanwhile
        Tally fresh = new Tally(header.id(), path.isEmpty() ? Optional.empty() : Optional.of(path.getLast().id()),
                SessionUsage.of(path), last);
        tallies.put(key, fresh);
        return fresh;
    }

    /** One turn's usage as its events report it. Read only after the turn's end was joined. */
    static final class Watch implements Consumer<AgentEvent> {
        private final Consumer<AgentEvent> next;
        private Usage usage = Usage.NONE;
        private int steps;
        private boolean reached;

        private Watch(Consumer<AgentEvent> next) {
            this.next = next;
        }

        @Override
        public void accept(AgentEvent event) {
            switch (event) {
                case AgentEvent.UsageReported u -> {
                    usage = u.turn();
                    steps++;
                    reached = true;
                }
                case AgentEvent.Done d -> {
                    usage = d.usage();
                    steps = d.steps();
                    reached = true;
                }
                // an answer cut off before its usage arrived still reached the model
                case AgentEvent.TextDelta d -> reached = true;
                case AgentEvent.ReasoningDelta d -> reached = true;
                case AgentEvent.Queued q -> {
                }
                case AgentEvent.Retrying r -> {
                }
                case AgentEvent.ToolStarted s -> {
                }
                case AgentEvent.ToolFinished f -> {
                }
                case AgentEvent.ApprovalRequested a -> {
                }
                case AgentEvent.Compaction c -> {
                }
                case AgentEvent.Recalled r -> {
                }
                case AgentEvent.Failed f -> {
                }
            }
            next.accept(event);
        }
    }
}
