package dev.jclaw.server.wiring;

import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.gateway.GatewaySettings;
import dev.jclaw.agent.gateway.LocalGateway;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.config.GatewayConfig;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.config.MemoryConfig;
import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.WorkingMemory;
import dev.jclaw.core.model.ModelPort;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.storage.OwnerOnly;
import dev.jclaw.host.PluginHost;
import dev.jclaw.memory.lucene.LuceneMemoryIndex;
import dev.jclaw.memory.lucene.OnnxEmbedder;
import dev.jclaw.model.openai.OpenAiEmbedder;
import dev.jclaw.model.openai.OpenAiModel;
import dev.jclaw.store.jdbc.JdbcMemoryStore;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The composition root: the one place that picks the adapters behind the agent's ports from the configuration —
 * the model client, the session store, the memory store, index and embedder — for every command ({@code serve},
 * {@code run}, {@code chat}, {@code memory}). The agent module sees only the ports.
 */
public final class Wiring {
    private static final System.Logger LOG = System.getLogger(Wiring.class.getName());

    private Wiring() {
    }

    /**
     * Opens the embedded default session store: the H2 file in the data directory, which only one process may
     * hold at a time.
     *
     * @param config the configuration
     * @return the store
     * @throws IOException when the data directory cannot be created
     * @throws dev.jclaw.core.session.SessionStoreException when the database cannot be opened, e.g. another
     *                                                      JClaw process holds it
     */
    public static SessionStore sessions(JClawConfig config) throws IOException {
        Files.createDirectories(config.dataDir());
        return JdbcSessionStore.h2(config.dataDir());
    }

    /**
     * Makes the model port of the configured OpenAI-compatible providers.
     *
     * @param config the configuration
     * @return the model port
     */
    public static ModelPort model(JClawConfig config) {
        return new OpenAiModel(config.models());
    }

    /**
     * Builds the agent runtime.
     *
     * @param config the configuration
     * @param host the plugin host, started
     * @param sessions where conversations are kept
     * @param memory the memory, owned by the caller; null for a runtime without memory
     * @return the runtime
     */
    public static AgentRuntime runtime(JClawConfig config, PluginHost host, SessionStore sessions,
                                       AgentMemory memory) {
        return new AgentRuntime(config, host, model(config), sessions, memory);
    }

    /**
     * Builds the agent gateway every channel of this server goes through.
     *
     * @param config the configuration: the workspace root and the gateway's limits
     * @param runtime the agent runtime
     * @return the gateway
     */
    public static LocalGateway gateway(JClawConfig config, AgentRuntime runtime) {
        GatewayConfig limits = GatewayConfig.of(config);
        return new LocalGateway(runtime, new GatewaySettings(config.workspace(), limits.maxTurnsPerUser(),
                limits.maxQueuedPerConversation()));
    }

    /**
     * Opens memory as configured.
     *
     * @param config the configuration
     * @return memory, or empty when {@code memory.enabled} is false
     * @throws MemoryException with one sentence when the database or the index cannot be opened, e.g. because
     *                         another JClaw process holds them
     */
    public static Optional<AgentMemory> memory(JClawConfig config) {
        MemoryConfig settings = MemoryConfig.of(config);
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Path dir = config.dataDir().resolve("memory");
        try {
            OwnerOnly.directory(config.dataDir());
        } catch (IOException e) {
            throw new MemoryException("cannot prepare the data directory " + config.dataDir() + ": " + e.getMessage(),
                    e);
        }
        JdbcMemoryStore store = JdbcMemoryStore.h2(dir);
        LuceneMemoryIndex index;
        try {
            index = LuceneMemoryIndex.open(dir.resolve("index"), settings.translate());
        } catch (MemoryException e) {
            store.close();
            throw e;
        }
        MemoryService service = new MemoryService(store, index, embedder(settings, config),
                new MemoryService.Quotas(settings.facts(), settings.procedures(), settings.archives(),
                        settings.archiveMinSimilarity()), Clock.systemUTC());
        return Optional.of(new AgentMemory(service, new WorkingMemory(Clock.systemUTC()), List.of(store, index)));
    }

    /**
     * Memory for the server, as configured: opened by its first use (a turn, a memory request, or
     * {@link dev.jclaw.server.JClawServer#openMemoryInBackground} once the server is ready), not during start-up, so
     * that the server is ready as fast without it; its index is brought in step then, the full text at once and the
     * vectors in the background. When it cannot be opened, turns go on without it, the log and
     * {@code /health/ready} say why, and a use {@value #MEMORY_RETRY_SECONDS} s later tries again.
     *
     * @param config the configuration
     * @return the memory, not yet open; empty when {@code memory.enabled} is false
     */
    public static Optional<AgentMemory> deferredMemory(JClawConfig config) {
        if (!MemoryConfig.of(config).enabled()) {
            return Optional.empty();
        }
        return Optional.of(AgentMemory.deferred(() -> {
            AgentMemory memory = memory(config).orElseThrow();
            // a turn stopped while it opens memory must not leave the index behind the store until a restart
            boolean interrupted = Thread.interrupted();
            try {
                if (memory.ensureIndexInBackground(n -> { })) {
                    LOG.log(System.Logger.Level.INFO, "memory: making the vectors of its entries in the background;"
                            + " meanwhile it is searched by words");
                }
            } catch (MemoryException e) {
                LOG.log(System.Logger.Level.WARNING, "memory search is degraded: " + e.getMessage());
            } catch (InterruptedException e) {
                interrupted = true;
                LOG.log(System.Logger.Level.INFO, "memory: bringing its index in step was interrupted; it is done"
                        + " when the server opens memory again");
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            return memory;
        }, java.time.Duration.ofSeconds(MEMORY_RETRY_SECONDS), Clock.systemUTC()));
    }

    /** How long after memory failed to open the server's next use of it tries again. */
    static final int MEMORY_RETRY_SECONDS = 30;

    private static Optional<Embedder> embedder(MemoryConfig settings, JClawConfig config) {
        if (!settings.embeds()) {
            return Optional.empty();
        }
        if (settings.local()) {
            return Optional.of(new OnnxEmbedder(OnnxEmbedder.Model.named(
                    settings.embedding().substring(MemoryConfig.LOCAL.length()))));
        }
        try {
            return Optional.of(new OpenAiEmbedder(config.models(), settings.embedding(), settings.dimensions()));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "memory.embedding: " + e.getMessage() + "; memory searches by"
                    + " words only until a provider serves it");
            return Optional.empty();
        }
    }

}
