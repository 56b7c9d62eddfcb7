package dev.jclaw.agent;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.config.AgentConfig;
import dev.jclaw.config.GatewayConfig;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.context.ContextEngine;
import dev.jclaw.core.hook.HookChain;
import dev.jclaw.core.loop.AgentLoop;
import dev.jclaw.core.loop.StepBudget;
import dev.jclaw.core.loop.TurnLimits;
import dev.jclaw.core.metrics.MetricRegistry;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.config.SandboxConfig;
import dev.jclaw.core.session.LocalTurnLocks;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.task.ShutdownReport;
import dev.jclaw.core.task.TaskManager;
import dev.jclaw.host.PluginHost;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.agent.memory.MemoryContext;
import dev.jclaw.agent.memory.MemoryTools;
import dev.jclaw.agent.memory.SessionArchiver;
import dev.jclaw.agent.command.CommandServices;
import dev.jclaw.agent.command.SlashCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The agent as the channels see it: conversations by session key over one loop, one model port and the plugin
 * host's tools, with the runtime's metrics and its background tasks. Built by hand from the configuration.
 * {@link #close()} drains the background tasks; the store and the plugin host belong to the caller.
 */
public final class AgentRuntime implements AutoCloseable {
    /** Workspace files read into every conversation's frozen prefix, when present. */
    static final List<String> BOOTSTRAP_FILES = List.of("AGENTS.md");

    private final JClawConfig config;
    private final AgentServices services;
    private final AgentHooks hooks;
    private final HookChain hookChain;
    private final MetricRegistry metrics = new MetricRegistry();
    /** The most conversations kept open at once; past it the least recently used are let go ({@link #letGo}). */
    static final int MAX_OPEN = 1024;
    private final Map<View, Conversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<Conversation.Pending>> running = new ConcurrentHashMap<>();
    private final TaskManager tasks = TaskManager.builder().build();
    private final SlashCommands commands;
    private final Approvals approvals;

    /**
     * Creates the runtime.
     *
     * @param config the configuration
     * @param host the plugin host, started
     * @param model the model port
     * @param sessions where conversations are kept
     */
    public AgentRuntime(JClawConfig config, PluginHost host, ModelPort model, SessionStore sessions) {
        this(config, host, model, sessions, null);
    }

    /**
     * Creates the runtime with memory: the memory tools beside the plugins' tools, recall into every turn, the
     * working memory and nudges in the per-turn context, the memory index in the prefix, archives on {@code /new}.
     *
     * @param config the configuration
     * @param host the plugin host, started
     * @param model the model port
     * @param sessions where conversations are kept
     * @param memory the memory, owned by the caller; null for a runtime without memory
     */
    public AgentRuntime(JClawConfig config, PluginHost host, ModelPort model, SessionStore sessions,
                        AgentMemory memory) {
        this.config = config;
        this.approvals = new Approvals(GatewayConfig.of(config).approvalDeadline(), Approvals.MAX_PER_USER,
                Approvals.MAX_PER_SESSION);
        AgentConfig agent = config.agent();
        TurnLimits limits = new TurnLimits(agent.turnTimeout(), agent.idleTimeout(), agent.toolTimeout(),
                agent.toolOutputChars(), new StepBudget(agent.maxSteps()), TurnLimits.DEFAULT.unknownTools(),
                TurnLimits.DEFAULT.emptyAnswers(), TurnLimits.DEFAULT.retry());
        this.hooks = new AgentHooks(host.hooks());
        this.hookChain = new HookChain(hooks);
        SessionRouter router = new SessionRouter(sessions);
        MemoryContext recall = memory == null ? null : new MemoryContext(memory);
        HostTools tools = new HostTools(host, memory == null ? List.of()
                : MemoryTools.of(memory, new ToolCallers(sessions, router)));
        if (recall != null) {
            hooks.addRuntime(recall);
        }
        // the file tools keep out of what the bash sandbox hides, whether the sandbox is on, off or missing
        List<Path> offLimits = SandboxConfig.paths(config, System.getenv()).hidden();
        AgentLoop loop = new AgentLoop(model, tools, limits, hookChain, recall == null ? ContextEngine.NONE : recall,
                offLimits);
        this.services = new AgentServices(sessions, router, new LocalTurnLocks(), loop, tools,
                new TurnPlanner(sessions, router, tools, new ModelBudgets(config.models(), model), hookChain),
                config.models().defaultModel(), BOOTSTRAP_FILES, Clock.systemDefaultZone(),
                new UsageLedger(sessions), new AgentMetrics(metrics), tasks, memory, memory == null ? null
                        : new SessionArchiver(memory, tasks, model, header -> config.models().configured()
                                ? header.model().orElse(config.models().defaultModel()) : ""),
                approvals);
        this.commands = SlashCommands.standard(new CommandServices(host, config.models(), tasks,
                Clock.systemUTC(), memory));
    }

    /** @return where tool calls that need a yes wait, answered from any channel */
    public Approvals approvals() {
        return approvals;
    }

    /** @return the store the conversations are kept in */
    public SessionStore sessions() {
        return services.store();
    }

    /** @return the configuration the runtime was built from */
    public JClawConfig config() {
        return config;
    }

    /** @return the slash commands every channel asks before a message goes to the model */
    public SlashCommands commands() {
        return commands;
    }

    /** @return the runtime's counters, for {@code GET /metrics}; other parts of the server may add their own */
    public MetricRegistry metrics() {
        return metrics;
    }

    /** @return the background tasks of this runtime: archiving, extraction, the curator, supervisors */
    public TaskManager tasks() {
        return tasks;
    }

    /**
     * Drains the background tasks: takes no more, lets the running ones finish within the grace period, then
     * interrupts the rest. Later calls return the first call's report.
     *
     * @param grace how long running tasks may take
     * @return what finished and what was cut
     */
    public ShutdownReport shutdown(Duration grace) {
        return tasks.shutdown(grace);
    }

    /** Drains the background tasks within the task manager's default grace period. */
    @Override
    public void close() {
        tasks.close();
    }

    /**
     * Registers a hook of the runtime itself (owner id {@code runtime}). It runs in every turn from the next hook
     * point on, ordered with the plugins' hooks by {@link Hook#priority()}; among equal priorities the runtime's hooks
     * run first, in the order they were added. Runtime hooks should use the bands {@code 0-49} (before the plugins)
     * or {@code 950-999} (after them).
     *
     * @param hook the hook
     */
    public void addRuntimeHook(Hook hook) {
        hooks.addRuntime(java.util.Objects.requireNonNull(hook, "hook"));
    }

    /** @return the hook chain of this runtime's turns, e.g. for a compaction to call its hook points */
    public HookChain hooks() {
        return hookChain;
    }

    /**
     * Stops the turn running in the conversation at a key, if one is open and running.
     *
     * @param key the session key
     * @return whether a turn was running
     */
    public boolean stopTurns(String key) {
        Conversation.Pending turn = running.getOrDefault(key, new AtomicReference<>()).get();
        if (turn == null) {
            return false;
        }
        turn.abort();
        return true;
    }

    /**
     * How a conversation is opened.
     *
     * @param model the model name, empty for the default
     * @param workspace the directory tools work in, or {@code null} for a per-session directory under the
     *                  configured workspace
     * @param approval the approval policy, or {@code null} for the configured one
     */
    public record Options(String model, Path workspace, ApprovalPolicy approval) {
    }

    /** A session key as opened with one set of options: the same key may be worked on from several workspaces. */
    private record View(String key, String model, Path workspace, ApprovalPolicy approval) {
    }

    /**
     * Returns the conversation at a session key as opened with these options, opening it on first use. A key opened
     * with other options (another workspace, e.g. the terminal's from another directory, or another model) is
     * another view of the same conversation: they share the stored history, the turn queue and the running turn, so
     * that {@code /stop} and {@code /steer} reach a turn whichever view started it.
     *
     * @param key the session key, e.g. {@code cli:alice}
     * @param options how to open it
     * @return the conversation
     * @throws IOException when its workspace cannot be created
     */
    public Conversation conversation(String key, Options options) throws IOException {
        SessionKey sessionKey = new SessionKey(key);
        Path workspace = options.workspace() != null ? options.workspace()
                : config.workspace().resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
        Files.createDirectories(workspace);
        Path real = workspace.toRealPath();
        ApprovalPolicy approval = options.approval() != null ? options.approval()
                : ApprovalPolicy.parse(config.agent().approval());
        AtomicReference<Conversation.Pending> turn = running.computeIfAbsent(key, k -> new AtomicReference<>());
        Conversation conversation = conversations.computeIfAbsent(new View(key, options.model(), real, approval),
                v -> new Conversation(sessionKey, services, options.model(), real, approval, turn));
        conversation.touch();
        if (conversations.size() > MAX_OPEN) {
            letGo();
        }
        return conversation;
    }

    /** @return how many conversations are open now */
    int openConversations() {
        return conversations.size();
    }

    /**
     * Forgets the least recently used conversations, down to three quarters of {@link #MAX_OPEN}, so that a server
     * that has seen many conversations does not keep them all. Nothing is lost: the history is in the store, and a
     * conversation opened again shares the running turn (kept per key) and the turn queue with any copy still in use.
     */
    private void letGo() {
        synchronized (conversations) {
            int excess = conversations.size() - MAX_OPEN * 3 / 4;
            if (conversations.size() <= MAX_OPEN || excess <= 0) {
                return;
            }
            // the times read once: a conversation used while sorting must not change its place mid-sort
            record Seen(View view, Conversation conversation, long at) {
            }
            conversations.entrySet().stream()
                    .map(e -> new Seen(e.getKey(), e.getValue(), e.getValue().lastUsed()))
                    .sorted(java.util.Comparator.comparingLong(Seen::at))
                    .limit(excess).toList()
                    .forEach(seen -> conversations.remove(seen.view(), seen.conversation()));
        }
    }
}
