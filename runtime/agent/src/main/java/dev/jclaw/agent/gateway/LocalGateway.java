package dev.jclaw.agent.gateway;

import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.Conversation;
import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ApprovalAnswer;
import dev.jclaw.api.gateway.ConversationId;
import dev.jclaw.api.gateway.ConversationInfo;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.HistoryItem;
import dev.jclaw.api.gateway.PendingApproval;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.UserId;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.ImageInput;
import dev.jclaw.core.session.OwnedKeys;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.SessionStoreException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The agent gateway of this process, over the agent runtime: every conversation it opens lives at its principal's
 * own session keys ({@link OwnedKeys}), works in its user's (or team's) workspace, and runs its turns with the
 * principal's tier; every lookup by id checks the owner, and answers "not found" for another user's.
 */
public final class LocalGateway implements AgentGateway {
    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** The channel of the terminal's conversations, whose keys of earlier versions were {@code cli:<name>}. */
    static final String TERMINAL_CHANNEL = "cli";
    private static final System.Logger LOG = System.getLogger(LocalGateway.class.getName());

    private final AgentRuntime runtime;
    private final GatewaySettings settings;
    private final TurnQuota quota;
    private final Set<String> adopted = ConcurrentHashMap.newKeySet();

    /**
     * Creates the gateway.
     *
     * @param runtime the agent runtime
     * @param settings limits and the workspace root
     */
    public LocalGateway(AgentRuntime runtime, GatewaySettings settings) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.quota = new TurnQuota(settings);
    }

    @Override
    public GatewayConversation open(Principal principal, ConversationKey key, OpenOptions options) {
        return openTerminal(principal, key, options, Optional.empty());
    }

    /**
     * Opens a conversation for the host's own terminal channel ({@code jclaw run} and {@code jclaw chat}, in their
     * process or through the server's conversation routes): like {@link #open}, and in a workspace the terminal may
     * name. Only the host calls this, for the person at this machine (the local credential): a plugin's or a remote
     * caller's conversations work where the host says. The named directory is created if missing and confined like
     * every workspace.
     *
     * <p>The admin's terminal conversations of earlier versions, kept at {@code cli:<name>}, are adopted on first
     * open as {@code user:admin/cli/<name>}: the same conversation, whichever way the terminal reaches the agent.
     *
     * @param principal who acts
     * @param key the address in the principal's space
     * @param options the model, a lower tier, a team
     * @param workspace the directory the tools work in, or empty for the one the host chooses
     * @return the conversation
     * @throws GatewayException INVALID for an unknown model or team name, UNAVAILABLE when the store fails or the
     *                          workspace cannot be created
     */
    public TerminalConversation openTerminal(Principal principal, ConversationKey key, OpenOptions options,
                                             Optional<Path> workspace) {
        Principal acting = principal.lowered(options.tier());
        if (!options.model().isEmpty() && runtime.config().models().route(options.model()).isEmpty()) {
            throw new GatewayException(GatewayException.Kind.INVALID, "no configured provider serves the model '"
                    + options.model() + "'");
        }
        SessionKey sessionKey = OwnedKeys.of(principal.id(), key);
        Path where = workspace.isPresent() ? workspace.get() : workspace(principal.id(), options.team());
        adoptLegacy(principal, key, sessionKey);
        Conversation conversation;
        try {
            conversation = runtime.conversation(sessionKey.value(),
                    new AgentRuntime.Options(options.model(), where, null));
        } catch (IOException e) {
            // a directory the terminal named is its own mistake; one the host chose is the host's problem
            throw new GatewayException(workspace.isPresent() ? GatewayException.Kind.INVALID
                    : GatewayException.Kind.UNAVAILABLE, "the workspace " + where + " cannot be used: "
                    + e.getMessage());
        }
        return new LocalConversation(this, conversation, acting, key, sessionKey);
    }

    /** Moves the admin terminal's conversations of earlier versions ({@code cli:<name>}) to its gateway key, once. */
    private void adoptLegacy(Principal principal, ConversationKey key, SessionKey sessionKey) {
        if (!principal.id().equals(UserId.ADMIN) || !key.channel().equals(TERMINAL_CHANNEL)
                || !adopted.add(sessionKey.value())) {
            return;
        }
        SessionKey legacy = new SessionKey(TERMINAL_CHANNEL + ":" + key.name());
        try {
            int moved = guard(() -> runtime.sessions().moveKey(legacy, sessionKey));
            if (moved > 0) {
                LOG.log(System.Logger.Level.INFO, "adopted " + moved + " terminal conversation"
                        + (moved == 1 ? "" : "s") + " of " + legacy + " as " + sessionKey);
            }
        } catch (GatewayException e) {
            adopted.remove(sessionKey.value()); // try again on the next open
            throw e;
        }
    }

    @Override
    public List<ConversationInfo> conversations(Principal principal, int limit) {
        return conversations(principal, principal.id(), "", limit);
    }

    @Override
    public List<ConversationInfo> conversations(Principal principal, UserId owner, String channel, int limit) {
        mayRead(principal, owner);
        if (limit < 1 || limit > SessionStore.MAX_LIST) {
            throw new GatewayException(GatewayException.Kind.INVALID, "limit must be between 1 and "
                    + SessionStore.MAX_LIST);
        }
        String prefix = OwnedKeys.prefix(owner);
        if (!channel.isEmpty()) {
            try {
                prefix = prefix + new ConversationKey(channel, "x").channel() + "/"; // a key checks the channel
            } catch (IllegalArgumentException e) {
                throw new GatewayException(GatewayException.Kind.INVALID, e.getMessage());
            }
        }
        String keys = prefix;
        Map<SessionKey, Optional<SessionId>> current = new HashMap<>();
        return guard(() -> runtime.sessions().listByKeyPrefix(keys, limit)).stream()
                .map(header -> info(header, current)).toList();
    }

    @Override
    public List<ConversationInfo> conversationsAt(Principal principal, UserId owner, ConversationKey key) {
        mayRead(principal, owner);
        Map<SessionKey, Optional<SessionId>> current = new HashMap<>();
        return guard(() -> runtime.sessions().list(OwnedKeys.of(owner, key))).stream()
                .map(header -> info(header, current)).toList();
    }

    /** A principal reads its own conversations; an admin anyone's. */
    private static void mayRead(Principal principal, UserId owner) {
        if (!principal.admin() && !principal.id().equals(owner)) {
            throw new GatewayException(GatewayException.Kind.FORBIDDEN, "another user's conversations are for"
                    + " administrators");
        }
    }

    @Override
    public List<HistoryItem> history(Principal principal, ConversationId id) {
        SessionHeader header = owned(principal, id);
        return guard(() -> History.of(runtime.sessions().path(header.id())));
    }

    @Override
    public ConversationInfo rename(Principal principal, ConversationId id, String title) {
        if (title.isBlank() || title.length() > SessionHeader.MAX_NAME || title.chars().anyMatch(Character::isISOControl)) {
            throw new GatewayException(GatewayException.Kind.INVALID, "a title is 1 to " + SessionHeader.MAX_NAME
                    + " characters without control characters");
        }
        SessionHeader header = owned(principal, id);
        return info(guard(() -> runtime.sessions().setTitle(header.id(), title.strip())));
    }

    @Override
    public void delete(Principal principal, ConversationId id) {
        SessionHeader header = owned(principal, id);
        runtime.stopTurns(header.key().value());
        guard(() -> runtime.sessions().delete(header.id()));
    }

    @Override
    public ApprovalAnswer answer(Principal principal, String approvalId, boolean approve, String channel) {
        return switch (runtime.approvals().answer(approvalId, principal, approve, channel)) {
            case ACCEPTED -> ApprovalAnswer.ACCEPTED;
            case NOT_FOUND -> ApprovalAnswer.NOT_FOUND;
            case FORBIDDEN -> ApprovalAnswer.FORBIDDEN;
            case EXPIRED -> ApprovalAnswer.EXPIRED;
        };
    }

    @Override
    public List<PendingApproval> pendingApprovals(Principal principal) {
        var waiting = principal.admin() ? runtime.approvals().pending() : runtime.approvals().pending(principal.id());
        return waiting.stream().map(p -> new PendingApproval(p.id().value(),
                p.originator(), conversationOf(p.sessionKey()), p.tool(), p.argumentsPreview(), p.deadline()))
                .toList();
    }

    private ConversationId conversationOf(String sessionKey) {
        return new ConversationId(guard(() -> runtime.sessions().current(new SessionKey(sessionKey))).id().value());
    }

    Conversation.Pending start(Conversation conversation, Principal principal, UserMessage message,
                               Consumer<AgentEvent> events) {
        List<ImageInput> images;
        try {
            images = message.images().stream().map(i -> i.url().isEmpty() ? ImageInput.inline(i.mediaType(), i.data())
                    : ImageInput.url(i.url())).toList();
        } catch (IllegalArgumentException e) {
            throw new GatewayException(GatewayException.Kind.INVALID, e.getMessage());
        }
        // no blocking prompt: the channel shows the request and the user answers through answer()
        return conversation.send(message.text(), images, events, Approver.NONE, principal);
    }

    TurnQuota quota() {
        return quota;
    }

    AgentRuntime runtime() {
        return runtime;
    }

    /** Reads a conversation the principal may see: its own, or anyone's for an admin. */
    private SessionHeader owned(Principal principal, ConversationId id) {
        SessionId sessionId = sessionId(id);
        return guard(() -> runtime.sessions().header(sessionId))
                .filter(header -> principal.admin()
                        || OwnedKeys.owner(header.key()).filter(principal.id()::equals).isPresent())
                .orElseThrow(() -> new GatewayException(GatewayException.Kind.NOT_FOUND, "no conversation " + id));
    }

    SessionId sessionId(ConversationId id) {
        try {
            return new SessionId(id.value());
        } catch (IllegalArgumentException e) {
            throw new GatewayException(GatewayException.Kind.NOT_FOUND, "no conversation " + id);
        }
    }

    ConversationInfo info(SessionHeader header) {
        return info(header, new HashMap<>());
    }

    /**
     * Describes a conversation; whether it is its key's current one is looked up without starting one (a listing
     * must not bring a deleted current conversation back as a new one), once per key of a listing.
     */
    private ConversationInfo info(SessionHeader header, Map<SessionKey, Optional<SessionId>> currents) {
        SessionKey key = header.key();
        UserId owner = OwnedKeys.owner(key).orElse(UserId.ADMIN);
        ConversationKey address = OwnedKeys.address(key).orElseGet(() -> new ConversationKey("cli", "default"));
        Optional<SessionId> current = currents.computeIfAbsent(key, k ->
                guard(() -> runtime.sessions().findCurrent(k)).map(SessionHeader::id));
        return new ConversationInfo(new ConversationId(header.id().value()), address, owner, header.created(),
                header.updated(), header.title(), header.model(), current.filter(header.id()::equals).isPresent());
    }

    private Path workspace(UserId user, String team) {
        if (team.isEmpty()) {
            return settings.workspaceRoot().resolve("users").resolve(user.value());
        }
        if (!TEAM.matcher(team).matches()) {
            throw new GatewayException(GatewayException.Kind.INVALID, "a team name is 1 to 64 lower-case letters,"
                    + " digits, '.', '_' or '-'");
        }
        return settings.workspaceRoot().resolve("teams").resolve(team);
    }

    /** Runs a store call, turning a store failure into one sentence for the channel. */
    <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (SessionStoreException e) {
            throw new GatewayException(GatewayException.Kind.UNAVAILABLE, e.getMessage());
        }
    }
}
