package dev.jclaw.agent.gateway;

import dev.jclaw.agent.Conversation;
import dev.jclaw.agent.command.SlashCommands;
import dev.jclaw.api.gateway.ConversationId;
import dev.jclaw.api.gateway.ConversationInfo;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.FailureReason;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.HistoryItem;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.gateway.TurnHandle;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.loop.Steering;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A principal's conversation address, as {@link LocalGateway#open} hands it out. */
final class LocalConversation implements TerminalConversation {
    private static final System.Logger LOG = System.getLogger(LocalConversation.class.getName());

    private final LocalGateway gateway;
    private final Conversation conversation;
    private final Principal principal;
    private final ConversationKey key;
    private final SessionKey sessionKey;
    private final Set<Conversation.Pending> turns = ConcurrentHashMap.newKeySet();

    LocalConversation(LocalGateway gateway, Conversation conversation, Principal principal, ConversationKey key,
                      SessionKey sessionKey) {
        this.gateway = gateway;
        this.conversation = conversation;
        this.principal = principal;
        this.key = key;
        this.sessionKey = sessionKey;
    }

    @Override
    public ConversationKey key() {
        return key;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public ConversationInfo current() {
        return gateway.info(gateway.guard(() -> conversation.header()));
    }

    @Override
    public TurnHandle send(UserMessage message, Consumer<TurnEvent> events) {
        return start(message, event -> TurnEvents.of(event).ifPresent(events));
    }

    @Override
    public TurnHandle sendFollowed(UserMessage message, Consumer<AgentEvent> events) {
        return start(message, events);
    }

    private TurnHandle start(UserMessage message, Consumer<AgentEvent> events) {
        gateway.quota().admit(principal.id(), sessionKey);
        // released when the channel is told the turn ended, not when the usage is booked after it: a client that
        // sends its next message on [DONE] must find its slot free
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                gateway.quota().release(principal.id(), sessionKey);
            }
        };
        Conversation.Pending pending;
        try {
            pending = gateway.start(conversation, principal, message, event -> {
                if (event instanceof AgentEvent.Done || event instanceof AgentEvent.Failed) {
                    release.run();
                }
                try {
                    events.accept(event);
                } catch (RuntimeException listenerFailed) {
                    LOG.log(System.Logger.Level.WARNING, "a channel's turn listener failed on " + sessionKey
                            + "; the turn goes on: " + listenerFailed);
                }
            });
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        turns.add(pending);
        CompletableFuture<TurnEvent> end = pending.end().handle((last, failure) -> {
            turns.remove(pending);
            release.run();
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "a turn on " + sessionKey + " failed unexpectedly", failure);
                AgentEvent.Failed failed = new AgentEvent.Failed(TurnFailure.INTERNAL,
                        "the turn failed unexpectedly; the server log has the details", "");
                events.accept(failed);
                return TurnEvents.of(failed).orElseThrow();
            }
            return TurnEvents.of(last).orElseGet(() -> new TurnEvent.Failed(FailureReason.INTERNAL,
                    "the turn ended without an answer", ""));
        });
        return new TurnHandle() {
            @Override
            public void stop() {
                pending.abort();
            }

            @Override
            public CompletableFuture<TurnEvent> end() {
                return end;
            }
        };
    }

    @Override
    public boolean steer(String text) {
        return conversation.steer(Steering.Kind.STEER, text).accepted();
    }

    @Override
    public boolean stop() {
        List<Conversation.Pending> all = List.copyOf(turns);
        all.forEach(Conversation.Pending::abort);
        return !all.isEmpty();
    }

    @Override
    public Optional<CommandReply> command(String line) {
        SlashCommands.Outcome outcome = gateway.guard(() -> gateway.runtime().commands().handle(conversation, line));
        return switch (outcome) {
            case SlashCommands.Outcome.Message m -> Optional.empty();
            case SlashCommands.Outcome.Handled h -> Optional.of(new CommandReply(h.result(), h.followUp()));
        };
    }

    @Override
    public ConversationInfo resume(ConversationId id) {
        SessionId wanted = gateway.sessionId(id);
        return gateway.info(gateway.guard(() -> conversation.resume(wanted)).orElseThrow(() ->
                new GatewayException(GatewayException.Kind.NOT_FOUND, "no conversation " + id + " here")));
    }

    @Override
    public void seed(List<HistoryItem> earlier) {
        gateway.guard(() -> conversation.betweenTurns(() -> {
            SessionId id = conversation.header().id();
            if (!conversation.entries(id).isEmpty()) {
                throw new GatewayException(GatewayException.Kind.INVALID, "the conversation already has messages;"
                        + " only a new one can be given its history");
            }
            for (HistoryItem item : earlier) {
                switch (item.role()) {
                    case USER -> gateway.runtime().sessions().append(id, new Entry.User(item.text()));
                    case ASSISTANT -> gateway.runtime().sessions().append(id,
                            new Entry.Assistant(item.text(), "", List.of(), false));
                    case TOOL, SUMMARY -> {
                        // a tool's output without the call that asked for it means nothing to the model
                    }
                }
            }
            return null;
        }));
    }

    @Override
    public List<HistoryItem> history() {
        return gateway.guard(() -> History.of(conversation.entries(conversation.header().id())));
    }

    /** @return the turns running or queued now */
    int turns() {
        return turns.size();
    }
}
