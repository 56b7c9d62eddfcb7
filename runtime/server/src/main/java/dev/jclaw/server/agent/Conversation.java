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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One conversation at a stable address (a session key): its history and its turns, one at a time. A message sent
 * while a turn runs waits its turn, in order, and is told its place in the queue.
 */
public final class Conversation {
    private final String key;
    private final AgentLoop loop;
    private final String model;
    private final String systemPrompt;
    private final Path workspace;
    private final ApprovalPolicy approval;
    private final ReentrantLock turnLock = new ReentrantLock(true);
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<ChatMessage> history = new ArrayList<>();
    private volatile String sessionId = UUID.randomUUID().toString();

    Conversation(String key, AgentLoop loop, String model, String systemPrompt, Path workspace,
                 ApprovalPolicy approval) {
        this.key = key;
        this.loop = loop;
        this.model = model;
        this.systemPrompt = systemPrompt;
        this.workspace = workspace;
        this.approval = approval;
    }

    /** @return the session key */
    public String key() {
        return key;
    }

    /** @return the current conversation's id */
    public String sessionId() {
        return sessionId;
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
        Thread.ofVirtual().name("conversation-" + key).start(() -> {
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
                    Turn turn = new Turn(key, sessionId, model, systemPrompt, List.copyOf(history), text, workspace,
                            approval, approver, new HistoryTranscript());
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

    /** Starts a new conversation at this address; the old history is set aside. Waits for a running turn. */
    public void rotate() {
        turnLock.lock();
        try {
            history.clear();
            sessionId = UUID.randomUUID().toString();
        } finally {
            turnLock.unlock();
        }
    }

    /** Writes each entry into the history the next turn sees; only the turn holding the lock writes. */
    private final class HistoryTranscript implements Transcript {
        @Override
        public void user(String text) {
            history.add(new ChatMessage.User(text));
        }

        @Override
        public void assistant(String text, String reasoning, List<ToolCall> toolCalls, boolean partial) {
            history.add(new ChatMessage.Assistant(text, toolCalls));
        }

        @Override
        public void toolResult(String callId, String tool, String content, boolean error) {
            history.add(new ChatMessage.ToolResult(callId, tool, content));
        }
    }
}
