package dev.jclaw.agent.memory;

import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.WorkingMemory;
import dev.jclaw.core.session.OwnedKeys;
import dev.jclaw.core.session.SessionKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongConsumer;

/**
 * Memory as the runtime uses it: the service over the store, the index and the embedder the composition root chose
 * from {@code memory} in the configuration, and the working memory. Owns them all; {@link #close()} closes them.
 *
 * <p>Memory is either open from the start (a terminal command) or {@linkplain #deferred opened on first use} (the
 * server, whose start must not wait for the database, the index and their catch-up). Deferred memory that cannot be
 * opened is <em>unavailable</em>: {@link #available()} is empty, {@link #service()} throws, the reason is logged once
 * and shown by {@link #status()}, and the next use after a pause tries again. Thread-safe.
 */
public final class AgentMemory implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AgentMemory.class.getName());
    private final MemoryService service; // null while deferred
    private final WorkingMemory working;
    private final List<AutoCloseable> resources;
    private final Deferred deferred; // null when open from the start
    private volatile Thread embedding;

    /**
     * Creates memory over its parts.
     *
     * @param service the memory service over the store, the index and the embedder
     * @param working the working memory
     * @param resources what the service stands on (index, store), closed in reverse order by {@link #close()}
     */
    public AgentMemory(MemoryService service, WorkingMemory working, List<AutoCloseable> resources) {
        this.service = Objects.requireNonNull(service, "service");
        this.working = Objects.requireNonNull(working, "working");
        this.resources = List.copyOf(resources);
        this.deferred = null;
    }

    private AgentMemory(Deferred deferred, WorkingMemory working) {
        this.service = null;
        this.working = working;
        this.resources = List.of();
        this.deferred = deferred;
    }

    /**
     * Opens memory on its first use: the first turn, tool call, command or request that needs it calls the opener,
     * and others wait for it meanwhile. When the opener fails, memory is unavailable (logged once per distinct
     * reason) until a use at least {@code retryAfter} later opens it.
     *
     * <pre>{@code
     * AgentMemory memory = AgentMemory.deferred(() -> openStoreIndexAndEmbedder(), Duration.ofSeconds(30),
     *         Clock.systemUTC());
     * memory.available().ifPresent(service -> service.search(namespace, "vpn", Set.of(), 5));
     * }</pre>
     *
     * @param opener opens memory (open from the start) with its index in step; throws {@link MemoryException} with
     *               one sentence when it cannot
     * @param retryAfter how long after a failure the next use tries again
     * @param clock the time, for the pause
     * @return the memory, not yet open
     */
    public static AgentMemory deferred(Callable<AgentMemory> opener, Duration retryAfter, Clock clock) {
        return new AgentMemory(new Deferred(Objects.requireNonNull(opener, "opener"),
                Objects.requireNonNull(retryAfter, "retryAfter"), Objects.requireNonNull(clock, "clock")),
                new WorkingMemory(clock));
    }

    /**
     * Returns the service, opening deferred memory first when this is its first use.
     *
     * @return the service
     * @throws MemoryException with one sentence when memory is unavailable or closed
     */
    public MemoryService service() {
        return deferred == null ? service : deferred.open().service();
    }

    /**
     * Returns the service like {@link #service()}, or nothing when memory is unavailable: for the callers that go on
     * without memory (a turn's recall, the memory index of a prompt), since the reason was logged already.
     *
     * @return the service, or empty when memory could not be opened
     */
    public Optional<MemoryService> available() {
        if (deferred == null) {
            return Optional.of(service);
        }
        try {
            return Optional.of(deferred.open().service());
        } catch (MemoryException unavailable) {
            return Optional.empty();
        }
    }

    /** @return whether memory is open, not opened yet or unavailable, and why */
    public Status status() {
        if (deferred == null) {
            return Status.open(service);
        }
        return deferred.status();
    }

    /**
     * The state of memory, as health checks show it.
     *
     * @param state open, not opened yet, or unavailable
     * @param detail the embedding model when open, the reason when unavailable, empty otherwise
     */
    public record Status(State state, String detail) {
        /** Checks the fields. */
        public Status {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }

        static Status open(MemoryService service) {
            return new Status(State.OPEN, "embeddings " + service.embeddingModel()
                    + (service.vectorsComplete() ? "" : ", vectors being made in the background"));
        }
    }

    /** Whether memory can be used. */
    public enum State {
        /** Open. */
        OPEN,
        /** Deferred and not used yet. */
        NOT_OPENED,
        /** Deferred, and it could not be opened (or it is closed). */
        UNAVAILABLE
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
        if (deferred != null) {
            return deferred.open().ensureIndexInBackground(progress);
        }
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

    /** Closes memory; deferred memory being opened is closed once its opening is done. Safe to call twice. */
    @Override
    public void close() {
        if (deferred != null) {
            deferred.close();
            return;
        }
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

    /** Memory opened on first use; a failure is kept for the pause, then tried again. */
    private static final class Deferred {
        private final Callable<AgentMemory> opener;
        private final Duration retryAfter;
        private final Clock clock;
        // written under this lock, read without it (a health check must not wait for an opening)
        private volatile AgentMemory opened;
        private volatile String failure = "";
        private volatile java.time.Instant failedAt;
        private volatile boolean closed;
        private volatile boolean opening;

        Deferred(Callable<AgentMemory> opener, Duration retryAfter, Clock clock) {
            this.opener = opener;
            this.retryAfter = retryAfter;
            this.clock = clock;
        }

        AgentMemory open() {
            AgentMemory open = opened;
            return open != null ? open : openNow();
        }

        // one opening at a time: whoever comes meanwhile waits for it (no interrupt reaches a database being opened)
        private synchronized AgentMemory openNow() {
            if (closed) {
                throw new MemoryException("memory is closed: the server is stopping");
            }
            if (opened != null) {
                return opened;
            }
            java.time.Instant now = clock.instant();
            if (failedAt != null && now.isBefore(failedAt.plus(retryAfter))) {
                throw new MemoryException("memory is unavailable: " + failure);
            }
            opening = true;
            long start = System.nanoTime();
            try {
                AgentMemory open = Objects.requireNonNull(opener.call(), "the opener gave no memory");
                long millis = (System.nanoTime() - start) / 1_000_000;
                LOG.log(System.Logger.Level.INFO, "memory opened in " + millis + " ms" + (failedAt == null ? ""
                        : " (it was unavailable: " + failure + ")"));
                failedAt = null;
                failure = "";
                opened = open;
                return open;
            } catch (Exception | LinkageError e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                String reason = Optional.ofNullable(e.getMessage()).filter(m -> !m.isBlank())
                        .orElse(e.getClass().getSimpleName());
                if (!reason.equals(failure)) {
                    LOG.log(System.Logger.Level.WARNING, "memory is unavailable, turns go on without it: " + reason
                            + "; the next use after " + retryAfter.toSeconds() + " s tries again");
                }
                failure = reason;
                failedAt = now;
                throw new MemoryException("memory is unavailable: " + reason, e);
            } finally {
                opening = false;
            }
        }

        Status status() {
            AgentMemory open = opened;
            if (open != null) {
                return open.status();
            }
            if (closed) {
                return new Status(State.UNAVAILABLE, "closed");
            }
            if (opening) {
                return new Status(State.NOT_OPENED, "being opened");
            }
            return failedAt != null ? new Status(State.UNAVAILABLE, failure) : new Status(State.NOT_OPENED, "");
        }

        void close() {
            AgentMemory open;
            synchronized (this) {
                closed = true;
                open = opened;
                opened = null;
            }
            if (open != null) {
                open.close();
            }
        }
    }
}
