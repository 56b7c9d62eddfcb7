package dev.jclaw.agent.memory;

import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.WorkingMemory;
import dev.jclaw.core.session.OwnedKeys;
import dev.jclaw.core.session.SessionKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

/**
 * Memory as the runtime uses it: the service over the store, the index and the embedder the composition root chose
 * from {@code memory} in the configuration, and the working memory. Owns them all; {@link #close()} closes them.
 */
public final class AgentMemory implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentMemory.class.getName());
    private final MemoryService service;
    private final WorkingMemory working;
    private final List<AutoCloseable> resources;
    private volatile Thread embedding;

    /**
     * Creates memory over its parts.
     *
     * @param service the memory service over the store, the index and the embedder
     * @param working the working memory
     * @param resources what the service stands on (index, store), closed in reverse order by {@link #close()}
     */
    public AgentMemory(MemoryService service, WorkingMemory working, List<AutoCloseable> resources) {
        this.service = java.util.Objects.requireNonNull(service, "service");
        this.working = java.util.Objects.requireNonNull(working, "working");
        this.resources = List.copyOf(resources);
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
     * The namespace of a session key: its owner's memory — {@code user:alice} for the gateway's keys
     * ({@code user:alice/web/chat-1}, {@code user:alice/openai/default}), the key itself for others ({@code cli:alice}).
     *
     * @param sessionKey the key
     * @return the namespace
     */
    public static Namespace namespace(String sessionKey) {
        // a gateway conversation's memory is its user's, whichever channel it came through
        return OwnedKeys.owner(new SessionKey(sessionKey)).map(user -> new Namespace("user:" + user.value()))
                .orElseGet(() -> new Namespace(sessionKey));
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
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "memory: closing " + resource + " failed: " + e);
            }
        }
    }
}
