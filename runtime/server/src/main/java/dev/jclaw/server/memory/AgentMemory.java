package dev.jclaw.server.memory;

import dev.jclaw.config.JClawConfig;
import dev.jclaw.config.MemoryConfig;
import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.WorkingMemory;
import dev.jclaw.core.storage.OwnerOnly;
import dev.jclaw.memory.lucene.LuceneMemoryIndex;
import dev.jclaw.memory.lucene.OnnxEmbedder;
import dev.jclaw.model.openai.OpenAiEmbedder;
import dev.jclaw.store.jdbc.Database;
import dev.jclaw.store.jdbc.JdbcMemoryStore;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

/**
 * Memory as the runtime uses it, built from {@code memory} in the configuration: the H2 memory database and the
 * Lucene index in the data directory, the embedder (local ONNX, a provider's endpoint, or none), the service over
 * them, and the working memory. Owns them all; {@link #close()} closes them.
 */
public final class AgentMemory implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentMemory.class.getName());
    private final MemoryService service;
    private final WorkingMemory working;
    private final JdbcMemoryStore store;
    private final LuceneMemoryIndex index;
    private volatile Thread embedding;

    private AgentMemory(MemoryService service, WorkingMemory working, JdbcMemoryStore store, LuceneMemoryIndex index) {
        this.service = service;
        this.working = working;
        this.store = store;
        this.index = index;
    }

    /**
     * Opens memory as configured.
     *
     * @param config the configuration
     * @return memory, or empty when {@code memory.enabled} is false
     * @throws MemoryException with one sentence when the database or the index cannot be opened, e.g. because
     *                         another JClaw process holds them
     */
    public static Optional<AgentMemory> open(JClawConfig config) {
        MemoryConfig settings = MemoryConfig.of(config);
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Path dir = config.dataDir().resolve("memory");
        Database db;
        try {
            OwnerOnly.directory(config.dataDir());
            db = Database.h2(dir);
        } catch (IOException | SQLException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new MemoryException(why.contains("already in use") || why.contains("locked")
                    ? "the memory database in " + dir + " is in use by another JClaw process" : "cannot open the"
                    + " memory database in " + dir + ": " + why, e);
        }
        JdbcMemoryStore store = new JdbcMemoryStore(db, true);
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
        return Optional.of(new AgentMemory(service, new WorkingMemory(Clock.systemUTC()), store, index));
    }

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

    /** @return the service */
    public MemoryService service() {
        return service;
    }

    /** @return the working memory (L1) */
    public WorkingMemory working() {
        return working;
    }

    /**
     * The namespace of a session key: its owner's memory.
     *
     * @param sessionKey the key, e.g. {@code cli:alice}
     * @return the namespace
     */
    public static Namespace namespace(String sessionKey) {
        return new Namespace(sessionKey);
    }

    /**
     * Brings the index in step, making missing vectors on a virtual thread of its own (after a change of embedding
     * model, or a lost index): searches meanwhile find every entry by its words.
     *
     * @param progress told how many entries have their vector so far
     * @return whether vectors are being made in the background
     * @throws InterruptedException when interrupted meanwhile
     */
    public boolean ensureIndexInBackground(LongConsumer progress) throws InterruptedException {
        Optional<Callable<Long>> work = service.ensureIndexLater(progress);
        work.ifPresent(w -> embedding = Thread.ofVirtual().name("memory-embedding").start(() -> {
            try {
                long n = w.call();
                LOG.log(System.Logger.Level.INFO, "memory: made the vectors of " + n + " entries");
            } catch (InterruptedException e) {
                LOG.log(System.Logger.Level.INFO, "memory: making vectors stopped; it goes on at the next start");
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "memory: making vectors failed, searching by words: " + e);
            }
        }));
        return work.isPresent();
    }

    @Override
    public void close() {
        Thread running = embedding;
        if (running != null) {
            running.interrupt();
            try {
                running.join(java.time.Duration.ofSeconds(10)); // at most one batch of embeddings
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        index.close();
        store.close();
    }
}
