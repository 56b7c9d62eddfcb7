package dev.jclaw.agent.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jclaw.core.memory.InMemoryMemoryStore;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.memory.MemoryLayer;
import dev.jclaw.core.memory.MemoryService;
import dev.jclaw.core.memory.Namespace;
import dev.jclaw.core.memory.WorkingMemory;
import dev.jclaw.memory.lucene.LuceneMemoryIndex;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory the server opens on first use: once, by whoever comes first; unavailable for a pause when it fails (that
 * the reason is logged once is checked by the server's {@code ServerMemoryTest}).
 */
class DeferredMemoryTest {
    static final Duration PAUSE = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final MutableClock clock = new MutableClock();
    final List<AgentMemory> made = new ArrayList<>();

    @AfterEach
    void tearDown() {
        made.forEach(AgentMemory::close);
    }

    /** A clock a test moves by hand. */
    static final class MutableClock extends Clock {
        volatile Instant now = Instant.parse("2026-12-07T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Opens real memory (an in-memory store, a Lucene index) and counts how often. */
    AgentMemory open() {
        opened.incrementAndGet();
        LuceneMemoryIndex index = LuceneMemoryIndex.open(dir.resolve("index-" + opened.get()), false);
        MemoryService service = new MemoryService(new InMemoryMemoryStore(), index, Optional.empty(),
                MemoryService.Quotas.DEFAULT, Clock.systemUTC());
        return new AgentMemory(service, new WorkingMemory(Clock.systemUTC()), List.of(index, closed::incrementAndGet));
    }

    AgentMemory deferred(java.util.concurrent.Callable<AgentMemory> opener) {
        AgentMemory memory = AgentMemory.deferred(opener, PAUSE, clock);
        made.add(memory);
        return memory;
    }

    @Nested
    class Opening {
        @Test
        void waits_for_the_first_use_and_then_opens_once_for_everyone() throws Exception {
            AgentMemory memory = deferred(DeferredMemoryTest.this::open);
            assertThat(opened).hasValue(0);
            assertThat(memory.status().state()).isEqualTo(AgentMemory.State.NOT_OPENED);
            memory.working().put("s1", "goal", "works before memory is opened");

            CountDownLatch go = new CountDownLatch(1);
            List<Thread> users = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                users.add(Thread.ofVirtual().start(() -> {
                    try {
                        go.await();
                        memory.service().memorize(new Namespace("cli:alice"), MemoryLayer.FACT, "note",
                                "fact number " + Thread.currentThread().threadId(), "");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            go.countDown();
            for (Thread t : users) {
                t.join();
            }
            assertThat(opened).hasValue(1);
            assertThat(memory.status().state()).isEqualTo(AgentMemory.State.OPEN);
            assertThat(memory.service().store().stats(new Namespace("cli:alice")).facts()).isEqualTo(8);

            memory.close();
            assertThat(closed).hasValue(1);
            assertThatThrownBy(memory::service).isInstanceOf(MemoryException.class).hasMessageContaining("closed");
        }

        @Test
        void closed_before_any_use_never_opens() {
            AgentMemory memory = deferred(DeferredMemoryTest.this::open);
            memory.close();
            assertThat(memory.available()).isEmpty();
            assertThat(opened).hasValue(0);
            assertThat(memory.status().state()).isEqualTo(AgentMemory.State.UNAVAILABLE);
        }
    }

    @Nested
    class Failing {
        @Test
        void is_unavailable_with_its_reason_and_tried_again_after_the_pause() {
            AtomicInteger attempts = new AtomicInteger();
            AgentMemory memory = deferred(() -> {
                if (attempts.incrementAndGet() <= 2) {
                    throw new MemoryException("the memory database is in use by another process");
                }
                return open();
            });
            assertThat(memory.available()).isEmpty();
            assertThatThrownBy(memory::service).isInstanceOf(MemoryException.class)
                    .hasMessage("memory is unavailable: the memory database is in use by another process");
            assertThat(memory.status()).isEqualTo(new AgentMemory.Status(AgentMemory.State.UNAVAILABLE,
                    "the memory database is in use by another process"));
            assertThat(attempts).as("no new attempt within the pause").hasValue(1);

            clock.now = clock.now.plus(PAUSE);
            assertThat(memory.available()).isEmpty();
            assertThat(attempts).hasValue(2);

            clock.now = clock.now.plus(PAUSE);
            assertThat(memory.available()).isPresent();
            assertThat(attempts).hasValue(3);
            assertThat(memory.status().state()).isEqualTo(AgentMemory.State.OPEN);
        }

        @Test
        void survives_an_opener_that_throws_anything() {
            AgentMemory memory = deferred(() -> {
                throw new IllegalStateException();
            });
            assertThat(memory.available()).isEmpty();
            assertThat(memory.status().detail()).isEqualTo("IllegalStateException");
        }
    }
}
