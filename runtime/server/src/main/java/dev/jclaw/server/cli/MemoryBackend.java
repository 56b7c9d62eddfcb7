package dev.jclaw.server.cli;

import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.MemoryStats;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.Recalled;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@code jclaw memory} does its work: in this process over the memory database ({@link LocalMemory}), or in
 * the server running on this JClaw home, through its memory API ({@link RemoteMemory}). Both answer with the same
 * values, so that the command prints the same either way. A namespace left empty is the caller's own: the
 * terminal's ({@value MemoryCommand#TERMINAL_NAMESPACE}) in this process, the principal's in a server.
 *
 * <p>Bad input is an {@link IllegalArgumentException} with one sentence, in either place.
 */
interface MemoryBackend extends AutoCloseable {
    /**
     * A namespace's entries.
     *
     * @param namespace whose
     * @param entries the entries
     */
    record Listed(Namespace namespace, List<MemoryEntry> entries) {
    }

    /**
     * A namespace's counts.
     *
     * @param namespace whose
     * @param counts the counts
     * @param embedding the embedding model, or {@code none}
     */
    record Stats(Namespace namespace, MemoryStats counts, String embedding) {
    }

    /**
     * What a rebuild of the index did.
     *
     * @param entries how many entries were indexed
     * @param embedding the embedding model, or {@code none}
     */
    record Reindexed(long entries, String embedding) {
    }

    MemoryService.Memorized add(Optional<Namespace> namespace, MemoryLayer layer, String type, String text)
            throws InterruptedException, ServerClient.ServerException;

    List<Recalled> search(Optional<Namespace> namespace, String words, Set<MemoryLayer> layers, int limit)
            throws InterruptedException, ServerClient.ServerException;

    Listed list(Optional<Namespace> namespace, Set<MemoryLayer> layers, boolean all, int limit)
            throws InterruptedException, ServerClient.ServerException;

    Stats stats(Optional<Namespace> namespace) throws InterruptedException, ServerClient.ServerException;

    MemoryService.Forgetting forget(Optional<Namespace> namespace, String id, String reason)
            throws InterruptedException, ServerClient.ServerException;

    MemoryService.Splitting split(Optional<Namespace> namespace, String id)
            throws InterruptedException, ServerClient.ServerException;

    /**
     * Rebuilds the index from the store, whatever its state.
     *
     * @param progress told how many entries are done so far (in this process only)
     * @return what was done
     */
    Reindexed reindex(java.util.function.LongConsumer progress) throws InterruptedException,
            ServerClient.ServerException;

    @Override
    void close();
}
