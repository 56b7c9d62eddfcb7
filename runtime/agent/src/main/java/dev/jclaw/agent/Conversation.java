package dev.jclaw.agent;

import dev.jclaw.agent.command.CommandTarget;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.agent.command.ContextView;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.loop.AgentLoop;
import dev.jclaw.core.loop.Steering;
import dev.jclaw.core.loop.Turn;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionUsage;
import dev.jclaw.core.session.TurnLocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One conversation at a stable address (a session key): its turns, one at a time. A message sent while a turn runs
 * waits its turn in arrival order and is told its place in the queue; {@code /new} and {@code /resume} wait too.
 *
 * <p>Before each turn the history is loaded (and repaired after a crash), the frozen prefix and the budget are worked
 * out, and the history is compacted when it would not fit ({@link TurnPlanner}). A turn the provider refuses as too
 * long is compacted and run once more, on a branch that leaves the refused attempt aside.
 */
public final class Conversation implements CommandTarget {
    private static final System.Logger LOG = System.getLogger(Conversation.class.getName());
    /** How long a message may wait for the turns before it. */
    static final Duration QUEUE_WAIT = Duration.ofMinutes(30);

    private final SessionKey key;
    private final AgentServices services;
    private final String defaultModel;
    private final Path workspace;
    private final ApprovalPolicy approval;
    private final FrozenPrefix prefix;
    private final AtomicReference<Pending> running;
    /** What {@code /context} shows of the last turn: its zones and prefix, not its history (a plan holds all of it). */
    private volatile LastContext lastContext;
    private volatile long lastUsed = System.nanoTime();
    private volatile String indexedSession = "";

    Conversation(SessionKey key, AgentServices services, String defaultModel, Path workspace,
                 ApprovalPolicy approval, AtomicReference<Pending> running) {
        this.key = key;
        this.running = running;
        this.services = services;
        this.defaultModel = defaultModel;
        this.workspace = workspace;
        this.approval = approval;
        this.prefix = new FrozenPrefix(workspace, services.bootstrapFiles());
    }

    @Override
    public String key() {
        return key.value();
    }

    /** @return the current conversation's id */
    public String sessionId() {
        return services.router().route(key).value();
    }

    @Override
    public SessionHeader header() {
        return services.store().current(key);
    }

    @Override
    public Path workspace() {
        return workspace;
    }

    @Override
    public String model() {
        return header().model().orElse(defaultModel.isEmpty() ? services.defaultModel() : defaultModel);
    }

    @Override
    public List<dev.jclaw.host.ToolSpec> tools() {
        return services.tools().offered();
    }

    /** The zones and prefix of a turn's plan. */
    private record LastContext(TurnPlanner.Zones zones, FrozenPrefix.Prefix prefix) {
    }

    /** @return when the runtime last handed this conversation out, by {@link System#nanoTime()} */
    long lastUsed() {
        return lastUsed;
    }

    /** Notes a use, for {@link AgentRuntime}'s choice of which idle conversations to let go. */
    void touch() {
        lastUsed = System.nanoTime();
    }

    @Override
    public SessionUsage usage() {
        return services.usage().usage(key, header());
    }

    @Override
    public Optional<Entry.TurnUsage> lastTurnUsage() {
        return services.usage().last(key, header());
    }

    @Override
    public Optional<ContextView> context() {
        return Optional.ofNullable(lastContext).map(plan -> {
            TurnPlanner.Zones z = plan.zones();
            return new ContextView(z.window(), z.counter(), z.frozen(), plan.prefix().fitted().sections(), z.tools(),
                    z.history(), z.historyBudget(), z.suffixReserve(), z.dynamicReserve());
        });
    }

    /** @return the turn running now, if any */
    public Optional<Pending> running() {
        return Optional.ofNullable(running.get());
    }

    @Override
    public boolean turnRunning() {
        return running.get() != null;
    }

    /** A turn that may still be waiting for the one before it. */
    public static final class Pending {
        private final CompletableFuture<AgentEvent> end = new CompletableFuture<>();
        private volatile TurnLocks.Ticket ticket;
        private volatile AgentLoop.TurnHandle handle;
        private volatile boolean aborted;
        private final Steering steering = new Steering();

        /** Aborts the turn, or withdraws it from the queue if it has not started. */
        public void abort() {
            aborted = true;
            AgentLoop.TurnHandle h = handle;
            if (h != null) {
                h.abort();
            }
            TurnLocks.Ticket t = ticket;
            // only a ticket still waiting leaves the queue; one that holds the turn sees the flag and stops itself
            if (h == null && t != null && !t.isClosed()) {
                try {
                    if (t.position() > 0) {
                        t.close();
                    }
                } catch (IllegalStateException closedMeanwhile) {
                    // the turn ended
                }
            }
        }

        /** @return the turn's last event, Done or Failed */
        public CompletableFuture<AgentEvent> end() {
            return end;
        }

        /**
         * Closes the turn to steering; call once it has ended.
         *
         * @return the {@code /steer} and {@code /btw} messages that arrived after the turn's last step and so never
         *         reached the model
         */
        public List<Steering.Message> unsteered() {
            return steering.close();
        }
    }

    /**
     * Sends a message of the person at the local terminal ({@link Approvals#TERMINAL}).
     *
     * @param text the message
     * @param events the turn's events, in order
     * @param approver who approves tool calls, besides any channel answering the runtime's approvals
     * @return the pending turn
     */
    public Pending send(String text, Consumer<AgentEvent> events, Approver approver) {
        return send(text, List.of(), events, approver, Approvals.TERMINAL);
    }

    /**
     * Sends a message. Returns at once; the turn runs on its own virtual thread after the turns before it.
     *
     * @param text the message
     * @param images the images sent with it, at most {@value ImageInput#MAX_PER_MESSAGE}
     * @param events the turn's events, in order
     * @param approver who approves tool calls, besides any channel answering the runtime's approvals
     * @param principal who sends it, with the turn's tier
     * @return the pending turn
     * @throws IllegalArgumentException when there are too many images
     */
    public Pending send(String text, List<ImageInput> images, Consumer<AgentEvent> events, Approver approver,
                        Principal principal) {
        List<ImageInput> sent = ImageInput.copyOf(images);
        Pending pending = new Pending();
        pending.ticket = services.locks().enter(key);
        Thread.ofVirtual().name("conversation-" + key.value()).start(() -> {
            AgentEvent last;
            try (TurnLocks.Ticket ticket = pending.ticket) {
                if (!ticket.await(QUEUE_WAIT, ahead -> events.accept(new AgentEvent.Queued(ahead)))
                        || pending.aborted) {
                    last = withdrawn(events);
                } else {
                    running.set(pending);
                    try {
                        last = turn(new Said(text, sent), events, approver, principal, pending, true);
                    } finally {
                        running.set(null);
                    }
                }
            } catch (InterruptedException e) {
                last = withdrawn(events);
            } catch (RuntimeException e) {
                pending.end.completeExceptionally(e);
                return;
            }
            pending.end.complete(last);
        });
        return pending;
    }

    /** What the user said: text and images. */
    private record Said(String text, List<ImageInput> images) {
    }

    private AgentEvent turn(Said said, Consumer<AgentEvent> events, Approver approver, Principal principal,
                            Pending pending, boolean mayRetry) {
        String text = said.text();
        UsageLedger.Watch watch = services.usage().watch(services.metrics().observing(events));
        String model = model();
        refreshMemoryIndex();
        TurnPlanner.Plan plan = services.planner().plan(key, model, new ChatMessage.User(text, said.images()), prefix,
                watch);
        lastContext = new LastContext(plan.zones(), plan.prefix());
        SessionId id = plan.session().header().id();
        StepTranscript transcript = new StepTranscript(services.store(), id);
        Turn turn = new Turn(key.value(), id.value(), model, plan.systemPrompt(), plan.history(), text, workspace,
                approval, approver, transcript, RuntimeLine.of(services.clock(), model, id.value()),
                pending.steering, principal, services.approvals(), said.images());
        pending.handle = services.loop().start(turn, watch);
        if (pending.aborted) {
            pending.handle.abort();
        }
        AgentEvent end;
        try {
            end = pending.handle.end().join();
        } finally {
            transcript.flush(); // what a failed or aborted turn left waiting
        }
        // before a retry moves the leaf: a refused attempt's usage stays with it, on the branch set aside
        services.usage().record(key, id, model, watch);
        if (mayRetry && !pending.aborted && end instanceof AgentEvent.Failed failed
                && failed.reason() == TurnFailure.CONTEXT_OVERFLOW
                && services.planner().compactAfterOverflow(key, id, model, text, watch)) {
            return turn(said, events, approver, principal, pending, false);
        }
        services.metrics().turnEnded(end);
        return end;
    }

    private static AgentEvent withdrawn(Consumer<AgentEvent> events) {
        AgentEvent.Failed dropped = new AgentEvent.Failed(TurnFailure.ABORTED, "the message was withdrawn", "");
        events.accept(dropped);
        return dropped;
    }

    /**
     * Runs work on the conversation's store between turns: it waits for a running turn, like a message.
     *
     * @param work what to do
     * @param <T> its result
     * @return its result
     * @throws IllegalStateException when the wait is interrupted or runs out
     */
    public <T> T betweenTurns(Supplier<T> work) {
        try (TurnLocks.Ticket ticket = services.locks().enter(key)) {
            if (!ticket.await(QUEUE_WAIT)) {
                throw new IllegalStateException("the conversation stayed busy for " + QUEUE_WAIT.toMinutes()
                        + " minutes");
            }
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the running turn", e);
        }
    }

    @Override
    public String rotate() {
        return betweenTurns(() -> {
            SessionRouter.Rotation rotation = services.router().startNew(key);
            if (services.archiver() != null) {
                rotation.previous().ifPresent(p -> services.archiver().archiveLater(p, services.store().path(p.id())));
            }
            return rotation.current().id().value();
        });
    }

    /**
     * The memory index in the frozen prefix is read when a conversation starts or is resumed, and kept for its
     * turns, so that the prefix stays byte-identical and the provider's cache keeps serving it.
     */
    private void refreshMemoryIndex() {
        if (services.memory() == null) {
            return;
        }
        String current = services.router().route(key).value();
        if (!current.equals(indexedSession)) {
            try {
                // the namespace recall uses: a gateway conversation's memory is its user's
                prefix.memoryIndex(services.memory().available()
                        .map(m -> m.indexPrompt(AgentMemory.namespace(key.value()))).orElse(""));
            } catch (MemoryException e) {
                prefix.memoryIndex("");
                LOG.log(System.Logger.Level.WARNING, "the memory index of " + key + " could not be read: "
                        + e.getMessage());
            }
            indexedSession = current;
        }
    }

    @Override
    public Optional<SessionHeader> resume(SessionId id) {
        return betweenTurns(() -> services.router().resume(key, id));
    }

    @Override
    public Steering.Offer steer(Steering.Kind kind, String text) {
        Pending turn = running.get();
        if (turn == null) {
            return new Steering.Offer(false, 0, "no turn is running; send it as an ordinary message");
        }
        return turn.steering.offer(kind, text);
    }

    @Override
    public boolean stop() {
        Pending turn = running.get();
        if (turn == null) {
            return false;
        }
        turn.abort();
        return true;
    }

    @Override
    public String compact(String focus) {
        List<String> said = new ArrayList<>();
        betweenTurns(() -> services.planner().compactNow(key, services.router().route(key), model(), focus,
                e -> {
                    if (e instanceof AgentEvent.Compaction c) {
                        said.add(c.message());
                    }
                }));
        return said.isEmpty() ? "nothing was compacted" : String.join("; ", said);
    }

    @Override
    public SessionHeader useModel(String name) {
        return services.store().setModel(services.router().route(key), name);
    }

    @Override
    public List<Entry> entries(SessionId id) {
        return services.store().path(id);
    }

    @Override
    public List<SessionHeader> sessions() {
        return services.router().sessions(key);
    }
}
