package dev.jclaw.server.agent;

import dev.jclaw.core.loop.AgentEvent;
import dev.jclaw.core.loop.AgentLoop;
import dev.jclaw.core.loop.Transcript;
import dev.jclaw.core.loop.Turn;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.model.ChatMessage;
import dev.jclaw.core.model.ToolCall;
import java.nio.file.Path;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.Histories;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One conversation at a stable address (a session key): its history and its turns, one at a time. A message sent
 * while a turn runs waits its turn, in order, and is told its place in the queue.
 */
public final class Conversation {
    private final SessionKey key;
    private final SessionStore store;
    private final AgentLoop loop;
    private final String model;
    private final String systemPrompt;
    private final Path workspace;
    private final ApprovalPolicy approval;
    private final ReentrantLock turnLock = new ReentrantLock(true);
    private final AtomicInteger waiting = new AtomicInteger();
    // writes run on their own threads, so that aborting a turn (an interrupt) never breaks a write half-way
    private static final ExecutorService WRITER = Executors.newVirtualThreadPerTaskExecutor();

    Conversation(SessionKey key, SessionStore store, AgentLoop loop, String model, String systemPrompt,
                 Path workspace, ApprovalPolicy approval) {
        this.key = key;
        this.store = store;
        this.loop = loop;
        this.model = model;
        this.systemPrompt = systemPrompt;
        this.workspace = workspace;
        this.approval = approval;
    }

    /** @return the session key */
    public String key() {
        return key.value();
    }

    /** @return the current conversation's id */
    public String sessionId() {
        return write(() -> store.current(key).id().value());
    }

    /** @return the directory the tools work in */
    public Path workspace() {
        return workspace;
    }

    /** A turn that may still be waiting for the one before it. */
    public static final class Pending {
        private final CompletableFuture<AgentEvent> end = new CompletableFuture<>();
        private volatile AgentLoop.TurnHandle running;
        private volatile boolean aborted;

        /** Aborts the turn, or drops it if it has not started. */
        public void abort() {
            aborted = true;
            AgentLoop.TurnHandle handle = running;
            if (handle != null) {
                handle.abort();
            }
        }

        /** @return the turn's last event, Done or Failed */
        public CompletableFuture<AgentEvent> end() {
            return end;
        }
    }

    /**
     * Sends a message. Returns at once; the turn runs on its own virtual thread after the turns before it.
     *
     * @param text the message
     * @param events the turn's events, in order
     * @param approver who approves tool calls
     * @return the pending turn
     */
    public Pending send(String text, Consumer<AgentEvent> events, Approver approver) {
        Pending pending = new Pending();
        int ahead = waiting.getAndIncrement() + (turnLock.isLocked() ? 1 : 0);
        Thread.ofVirtual().name("conversation-" + key.value()).start(() -> {
            try {
                if (ahead > 0) {
                    events.accept(new AgentEvent.Queued(ahead));
                }
                turnLock.lockInterruptibly();
                waiting.decrementAndGet();
                try {
                    if (pending.aborted) {
                        AgentEvent.Failed dropped = new AgentEvent.Failed("aborted", "the message was withdrawn", "");
                        events.accept(dropped);
                        pending.end.complete(dropped);
                        return;
                    }
                    SessionId id = write(() -> store.current(key).id());
                    List<ChatMessage> history = write(() -> {
                        Histories.repair(store, id);
                        return Histories.messages(store.path(id));
                    });
                    Turn turn = new Turn(key.value(), id.value(), model, systemPrompt, history, text, workspace,
                            approval, approver, new StoreTranscript(id),
                            RuntimeLine.of(java.time.Clock.systemDefaultZone(), model, id.value()));
                    pending.running = loop.start(turn, events);
                    if (pending.aborted) {
                        pending.running.abort();
                    }
                    pending.end.complete(pending.running.end().join());
                } finally {
                    turnLock.unlock();
                }
            } catch (InterruptedException e) {
                pending.end.complete(new AgentEvent.Failed("aborted", "the message was withdrawn", ""));
            } catch (RuntimeException e) {
                pending.end.completeExceptionally(e);
            }
        });
        return pending;
    }

    /**
     * Starts a new conversation at this address ({@code /new}); the old one stays listed and resumable. Waits for a
     * running turn.
     *
     * @return the new conversation's id
     */
    public String rotate() {
        turnLock.lock();
        try {
            return write(() -> store.rotate(key).id().value());
        } finally {
            turnLock.unlock();
        }
    }

    /** Runs store work on a writer thread and waits for it without being interruptible. */
    private static <T> T write(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, WRITER).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Writes each entry through to the store before the turn goes on. */
    private final class StoreTranscript implements Transcript {
        private final SessionId id;

        StoreTranscript(SessionId id) {
            this.id = id;
        }

        @Override
        public void user(String text) {
            write(() -> store.append(id, new Entry.User(text)));
        }

        @Override
        public void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial) {
            write(() -> store.append(id, new Entry.Assistant(text, reasoning, toolCalls, partial)));
        }

        @Override
        public void toolResult(String callId, String tool, String content, boolean error) {
            write(() -> store.append(id, new Entry.ToolOutput(callId, tool, content, error)));
        }
    }
}
