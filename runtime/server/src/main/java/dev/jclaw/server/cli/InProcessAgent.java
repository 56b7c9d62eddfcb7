package dev.jclaw.server.cli;

import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.gateway.LocalGateway;
import dev.jclaw.agent.gateway.TerminalConversation;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.gateway.GatewayException;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.TurnHandle;
import dev.jclaw.api.gateway.UserMessage;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.server.http.ConversationRoutes;
import dev.jclaw.server.wiring.Sandboxes;
import dev.jclaw.server.wiring.Wiring;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code jclaw run} and {@code jclaw chat} without a server: the agent runtime in this process, on the embedded
 * default, with the plugins of the plugins directory, reached through the same agent gateway a server uses — as the
 * person at this machine's terminal ({@link Approvals#TERMINAL}), in the workspace the command names. So the
 * conversation, its session key and memory namespace, the slash commands and the approvals are those of a server's.
 */
final class InProcessAgent implements AgentLink {
    private final Deque<AutoCloseable> opened;
    private final LocalGateway gateway;
    private final Path workspace;
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /** A turn being sent: a stop may come (from its own events) before the gateway has handed out its handle. */
    private static final class Running {
        private volatile TurnHandle handle;
        private volatile boolean stopped;

        void stop() {
            stopped = true;
            TurnHandle h = handle;
            if (h != null) {
                h.stop();
            }
        }

        void started(TurnHandle turn) {
            handle = turn;
            if (stopped) {
                turn.stop();
            }
        }
    }

    private InProcessAgent(Deque<AutoCloseable> opened, LocalGateway gateway, Path workspace) {
        this.opened = opened;
        this.gateway = gateway;
        this.workspace = workspace;
    }

    /**
     * Opens the databases, the plugin host, memory and the runtime.
     *
     * @param config the configuration
     * @param err where problems and the memory index's progress are told
     * @param background whether the memory's vectors may be made in the background (a chat) rather than first
     * @param workspace the directory the tools work in, existing, as a real path
     * @return the agent; close it to release the databases
     */
    static InProcessAgent open(JClawConfig config, PrintStream err, boolean background, Path workspace)
            throws Exception {
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            SessionStore sessions = Wiring.sessions(config);
            opened.push(sessions);
            PluginHost host = new PluginHost(new HostSettings(config.plugins().dir(), config.dataDir(),
                    config.plugins().startTimeout(), config.plugins().drainTimeout(), false,
                    config.plugins()::configFor)
                    .withSandbox(Sandboxes.open(config, Optional.of(text -> err.println("jclaw: " + text)))));
            opened.push(host);
            host.start();
            AgentMemory memory = memory(config, err, background);
            if (memory != null) {
                opened.push(memory);
            }
            AgentRuntime runtime = Wiring.runtime(config, host, sessions, memory);
            opened.push(runtime);
            return new InProcessAgent(opened, Wiring.gateway(config, runtime), workspace);
        } catch (Exception | Error e) {
            closeAll(opened);
            throw e;
        }
    }

    /**
     * Opens memory for a terminal command and brings its index in step: a one-shot command waits for a rebuild
     * (showing its progress); a chat indexes the entries for full text at once and makes their vectors in the
     * background.
     *
     * @return the memory, or null when it is off or cannot be opened (the turn goes on without it)
     */
    private static AgentMemory memory(JClawConfig config, PrintStream err, boolean background)
            throws InterruptedException {
        AgentMemory memory;
        try {
            memory = Wiring.memory(config).orElse(null);
        } catch (MemoryException e) {
            err.println("jclaw: memory is off for this command: " + e.getMessage());
            return null;
        }
        if (memory == null) {
            return null;
        }
        try {
            if (background) {
                if (memory.ensureIndexInBackground(n -> { })) {
                    err.println("jclaw: making the memory's vectors in the background; meanwhile it is searched by"
                            + " words");
                }
            } else {
                long rebuilt = memory.service().ensureIndex(n -> {
                    if (n % 1_000 == 0) {
                        err.print("\rrebuilding the memory index: " + n + " entries");
                        err.flush();
                    }
                });
                if (rebuilt >= 1_000) {
                    err.println("\rrebuilt the memory index: " + rebuilt + " entries");
                }
            }
        } catch (MemoryException e) {
            err.println("jclaw: memory search is degraded: " + e.getMessage());
        }
        return memory;
    }

    private TerminalConversation open(String conversation, String model) throws LinkException {
        try {
            return gateway.openTerminal(Approvals.TERMINAL, new ConversationKey(ConversationRoutes.CHANNEL,
                    conversation), new AgentGateway.OpenOptions(model, Tier.YOLO, ""), Optional.of(workspace));
        } catch (GatewayException e) {
            throw new LinkException(e.getMessage());
        }
    }

    @Override
    public Optional<GatewayConversation.CommandReply> command(String conversation, String model, String line)
            throws LinkException {
        try {
            return open(conversation, model).command(line);
        } catch (GatewayException e) {
            throw new LinkException(e.getMessage());
        }
    }

    @Override
    public AgentEvent send(String conversation, Message message, Consumer<AgentEvent> events)
            throws LinkException, InterruptedException {
        TerminalConversation open = open(conversation, message.model());
        AtomicReference<AgentEvent> last = new AtomicReference<>();
        Running mine = new Running();
        running.put(conversation, mine);
        TurnHandle turn;
        try {
            if (message.fresh() && !open.history().isEmpty()) {
                open.command("/new");
            }
            turn = open.sendFollowed(UserMessage.text(message.text()), event -> {
                if (event instanceof AgentEvent.Done || event instanceof AgentEvent.Failed) {
                    last.set(event);
                }
                events.accept(event);
            });
        } catch (GatewayException e) {
            running.remove(conversation, mine);
            throw new LinkException(e.getMessage());
        }
        mine.started(turn);
        try {
            turn.end().get();
        } catch (InterruptedException e) {
            turn.stop();
            throw e;
        } catch (ExecutionException e) {
            throw new LinkException("the turn failed: " + e.getCause().getMessage());
        } finally {
            running.remove(conversation, mine);
        }
        return Optional.ofNullable(last.get()).orElseThrow(() -> new LinkException("the turn ended without an"
                + " answer"));
    }

    @Override
    public boolean stop(String conversation) {
        Running turn = running.get(conversation);
        if (turn != null) {
            turn.stop();
        }
        return turn != null;
    }

    @Override
    public void answer(String approvalId, boolean approve) throws LinkException {
        Optional<String> problem = AgentLink.problem(approvalId, gateway.answer(Approvals.TERMINAL, approvalId,
                approve, ConversationRoutes.CHANNEL));
        if (problem.isPresent()) {
            throw new LinkException(problem.get());
        }
    }

    @Override
    public String where() {
        return ", workspace " + workspace;
    }

    /** Drains the runtime's background tasks, then closes memory, the plugin host and the databases. */
    @Override
    public void close() {
        closeAll(opened);
    }

    private static void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                System.getLogger(InProcessAgent.class.getName()).log(System.Logger.Level.WARNING,
                        "could not close " + e.getMessage());
            }
        }
    }
}
