package dev.jclaw.server.cli;

import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/** {@code jclaw memory} in this process, over the memory database, its index and embedder. */
final class LocalMemory implements MemoryBackend {
    private final AgentMemory memory;
    private final MemoryService service;
    private final Namespace own;

    /**
     * @param memory memory, open; closed with this
     * @param own the namespace of a command that names none
     */
    LocalMemory(AgentMemory memory, Namespace own) {
        this.memory = memory;
        this.service = memory.service();
        this.own = own;
    }

    /**
     * Brings the index in step with the store before a command reads it, showing the progress of a long rebuild.
     *
     * @param progress told how many entries are done so far
     */
    void ensureIndex(LongConsumer progress) throws InterruptedException {
        service.ensureIndex(progress);
    }

    @Override
    public MemoryService.Memorized add(Optional<Namespace> namespace, MemoryLayer layer, String type, String text)
            throws InterruptedException {
        return service.memorize(namespace.orElse(own), layer, type, text, "");
    }

    @Override
    public List<Recalled> search(Optional<Namespace> namespace, String words, Set<MemoryLayer> layers, int limit)
            throws InterruptedException {
        return service.search(namespace.orElse(own), words, layers, limit);
    }

    @Override
    public Listed list(Optional<Namespace> namespace, Set<MemoryLayer> layers, boolean all, int limit) {
        Namespace ns = namespace.orElse(own);
        return new Listed(ns, service.store().list(ns, layers, all, limit));
    }

    @Override
    public Stats stats(Optional<Namespace> namespace) {
        Namespace ns = namespace.orElse(own);
        return new Stats(ns, service.store().stats(ns), service.embeddingModel());
    }

    @Override
    public MemoryService.Forgetting forget(Optional<Namespace> namespace, String id, String reason) {
        return service.forget(namespace.orElse(own), id, reason);
    }

    @Override
    public MemoryService.Splitting split(Optional<Namespace> namespace, String id) {
        return service.split(namespace.orElse(own), id);
    }

    @Override
    public Reindexed reindex(LongConsumer progress) throws InterruptedException {
        long n = service.reindex(progress);
        return new Reindexed(n, service.embeddingModel());
    }

    @Override
    public void close() {
        memory.close();
    }
}
