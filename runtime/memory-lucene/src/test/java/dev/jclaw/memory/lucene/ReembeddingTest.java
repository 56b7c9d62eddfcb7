package dev.jclaw.memory.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.memory.Embedder;
import dev.jclaw.core.memory.InMemoryMemoryStore;
import dev.jclaw.core.memory.MemoryEntry;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.testkit.model.FakeEmbeddings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change of embedding model: words at once, vectors in the background, never a false claim of completeness. */
class ReembeddingTest {
    static final Namespace TEAM = new Namespace("feishu:app:oc_team");

    @TempDir
    Path dir;
    final InMemoryMemoryStore store = new InMemoryMemoryStore();
    LuceneMemoryIndex index;
    final CountDownLatch gate = new CountDownLatch(1);
    /** A new model of another length, whose batches wait at the gate; single texts (a memorize) pass. */
    final Embedder newModel = new Embedder() {
        @Override
        public String model() {
            return "test:hash-32";
        }

        @Override
        public int dimensions() {
            return 32;
        }

        @Override
        public List<float[]> embed(List<String> texts) throws InterruptedException {
            if (texts.size() > 1) {
                gate.await();
            }
            List<float[]> out = new ArrayList<>();
            texts.forEach(t -> out.add(FakeEmbeddings.vector(t, 32)));
            return out;
        }
    };

    @BeforeEach
    void setUp() throws Exception {
        index = LuceneMemoryIndex.open(dir.resolve("index"));
        MemoryService old = service(new HashEmbedder());
        for (int i = 0; i < 70; i++) { // more than one batch of 64
            old.memorize(TEAM, MemoryLayer.FACT, "fact", "fact number " + i + " about host-" + i + ".internal", "s");
        }
    }

    @AfterEach
    void tearDown() {
        index.close();
    }

    MemoryService service(Embedder embedder) {
        return new MemoryService(store, index, Optional.of(embedder), MemoryService.Quotas.DEFAULT,
                Clock.systemUTC());
    }

    String model() {
        return index.syncState().orElseThrow().embeddingModel();
    }

    @Test
    void a_new_model_indexes_the_words_at_once_and_the_vectors_in_the_background() throws Exception {
        MemoryService memory = service(newModel);
        Callable<Long> work = memory.ensureIndexLater(n -> { }).orElseThrow();
        assertThat(model()).isEqualTo("none");
        assertThat(memory.vectorsComplete()).isFalse();
        assertThat(store.get(TEAM, index.text(TEAM, Set.of(), "host-42.internal", 3).getFirst().id())
                .orElseThrow().content()).contains("host-42.internal");
        assertThat(index.nearest(TEAM, Set.of(), FakeEmbeddings.vector("fact number 42", 32), 3)).isEmpty();

        FutureTask<Long> task = new FutureTask<>(work);
        Thread.ofVirtual().start(task);
        gate.countDown();
        assertThat(task.get(30, TimeUnit.SECONDS)).isEqualTo(70);
        assertThat(model()).isEqualTo("test:hash-32");
        assertThat(memory.vectorsComplete()).isTrue();
        assertThat(index.nearest(TEAM, Set.of(), FakeEmbeddings.vector("fact number 42", 32), 3)).hasSize(3);
        assertThat(memory.ensureIndexLater(n -> { })).isEmpty(); // in step now
    }

    @Test
    void a_memory_written_meanwhile_gets_its_vector_and_the_index_stays_incomplete_until_the_work_ends()
            throws Exception {
        MemoryService memory = service(newModel);
        FutureTask<Long> task = new FutureTask<>(memory.ensureIndexLater(n -> { }).orElseThrow());
        Thread.ofVirtual().start(task);
        MemoryEntry written = memory.memorize(TEAM, MemoryLayer.FACT, "fact", "the new proxy is squid-3", "s2")
                .entry();
        assertThat(model()).isEqualTo("none"); // the write's commit does not claim the vectors are complete
        gate.countDown();
        task.get(30, TimeUnit.SECONDS);
        assertThat(model()).isEqualTo("test:hash-32");
        assertThat(index.nearest(TEAM, Set.of(), FakeEmbeddings.vector("the new proxy is squid-3", 32), 1))
                .singleElement().satisfies(h -> assertThat(h.id()).isEqualTo(written.id()));
    }

    @Test
    void an_empty_memory_is_in_step_at_once() throws Exception {
        index.clear();
        MemoryService empty = new MemoryService(new InMemoryMemoryStore(), index, Optional.of(newModel),
                MemoryService.Quotas.DEFAULT, Clock.systemUTC());
        assertThat(empty.ensureIndexLater(n -> { })).isEmpty(); // nothing to announce, nothing to run
        assertThat(model()).isEqualTo("test:hash-32");
        assertThat(empty.vectorsComplete()).isTrue();
    }

    @Test
    void interrupted_work_leaves_the_index_incomplete_and_the_next_open_starts_again() throws Exception {
        MemoryService memory = service(newModel);
        FutureTask<Long> task = new FutureTask<>(memory.ensureIndexLater(n -> { }).orElseThrow());
        Thread worker = Thread.ofVirtual().start(task);
        worker.interrupt();
        worker.join(10_000);
        assertThat(worker.isAlive()).isFalse();
        assertThat(model()).isEqualTo("none");
        gate.countDown();
        assertThat(service(newModel).ensureIndex(n -> { })).isEqualTo(70);
        assertThat(model()).isEqualTo("test:hash-32");
    }
}
