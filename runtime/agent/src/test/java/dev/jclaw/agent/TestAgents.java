package dev.jclaw.agent;

import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.config.MemoryConfig;
import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.WorkingMemory;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.PluginHost;
import dev.jclaw.memory.lucene.LuceneMemoryIndex;
import dev.jclaw.memory.lucene.OnnxEmbedder;
import dev.jclaw.model.openai.OpenAiModel;
import dev.jclaw.store.jdbc.JdbcMemoryStore;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The agent on real adapters for the tests: the H2 session store in the data directory, the OpenAI client against
 * the configured (fake) provider, memory on H2 and Lucene with the local embedding model (the server's composition
 * root also offers a provider's embedding endpoint).
 */
public final class TestAgents {
    private TestAgents() {
    }

    /** @return the H2 session store in the configuration's data directory */
    public static SessionStore sessions(JClawConfig config) throws java.io.IOException {
        Files.createDirectories(config.dataDir());
        return JdbcSessionStore.h2(config.dataDir());
    }

    /** @return a runtime over the configured providers, without memory */
    public static AgentRuntime runtime(JClawConfig config, PluginHost host, SessionStore sessions) {
        return runtime(config, host, sessions, null);
    }

    /** @return a runtime over the configured providers, with memory when given */
    public static AgentRuntime runtime(JClawConfig config, PluginHost host, SessionStore sessions,
                                       AgentMemory memory) {
        return new AgentRuntime(config, host, new OpenAiModel(config.models()), sessions, memory);
    }

    /** @return memory in the configuration's data directory, with the local embedding model when configured */
    public static AgentMemory memory(JClawConfig config) {
        MemoryConfig settings = MemoryConfig.of(config);
        Path dir = config.dataDir().resolve("memory");
        JdbcMemoryStore store = JdbcMemoryStore.h2(dir);
        LuceneMemoryIndex index = LuceneMemoryIndex.open(dir.resolve("index"), settings.translate());
        Optional<Embedder> embedder = settings.embeds() && settings.local()
                ? Optional.of(new OnnxEmbedder(OnnxEmbedder.Model.named(
                        settings.embedding().substring(MemoryConfig.LOCAL.length()))))
                : Optional.empty();
        MemoryService service = new MemoryService(store, index, embedder,
                new MemoryService.Quotas(settings.facts(), settings.procedures(), settings.archives(),
                        settings.archiveMinSimilarity()), Clock.systemUTC());
        return new AgentMemory(service, new WorkingMemory(Clock.systemUTC()), List.of(store, index));
    }
}
