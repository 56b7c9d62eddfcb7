package dev.jclaw.testkit.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Concurrent use of one store: the part of {@link SessionStoreContract} that runs many threads at once. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ConcurrencyChecks {
    private final SessionStoreContract contract;

    ConcurrencyChecks(SessionStoreContract contract) {
        this.contract = contract;
    }

    /** Runs the tasks on virtual threads that start together, and returns their results in task order. */
    static <T> List<T> together(int count, IntTask<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.run(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(100, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    @FunctionalInterface
    interface IntTask<T> {
        T run(int n) throws Exception;
    }

    static String text(Entry entry) {
        return ((Entry.User) entry.body()).text();
    }

    @Test
    void keeps_conversations_apart_under_parallel_appends() throws Exception {
        SessionStore store = contract.store;
        List<SessionId> ids = together(16, n -> store.current(new SessionKey("cli:user" + n)).id());
        together(16, n -> {
            for (int i = 0; i < 30; i++) {
                store.append(ids.get(n), new Entry.User(n + "/" + i));
            }
            return null;
        });
        for (int n = 0; n < ids.size(); n++) {
            List<Entry> path = store.path(ids.get(n));
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                expected.add(n + "/" + i);
            }
            assertThat(path).extracting(ConcurrencyChecks::text).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void chains_parallel_appends_to_one_conversation_into_one_branch() throws Exception {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        int threads = 12;
        int each = 15;
        together(threads, n -> {
            for (int i = 0; i < each; i++) {
                store.append(id, new Entry.User(n + "/" + i));
            }
            return null;
        });
        List<Entry> path = store.path(id);
        assertThat(path).hasSize(threads * each);
        assertThat(path.getFirst().parent()).isEmpty();
        for (int i = 1; i < path.size(); i++) {
            assertThat(path.get(i).parent()).as("parent of entry %d", i).contains(path.get(i - 1).id());
        }
        for (int n = 0; n < threads; n++) {
            String prefix = n + "/";
            List<String> mine = path.stream().map(ConcurrencyChecks::text).filter(t -> t.startsWith(prefix)).toList();
            assertThat(mine).as("thread %d's entries, in its order", n).hasSize(each)
                    .isSortedAccordingTo(java.util.Comparator.comparingInt(t -> Integer.parseInt(t.substring(
                            prefix.length()))));
        }
        assertThat(store.header(id).orElseThrow().leaf()).contains(path.getLast().id());
    }

    @Test
    void completes_the_writes_of_interrupted_callers_and_leaves_them_interrupted() throws Exception {
        SessionStore store = contract.store;
        SessionId id = store.current(SessionStoreContract.ALICE).id();
        Thread.currentThread().interrupt();
        try {
            store.append(id, new Entry.User("while interrupted"));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100; i++) {
                try {
                    store.append(id, new Entry.User("#" + i));
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        });
        while (writer.isAlive()) {
            writer.interrupt();
            Thread.sleep(0, 200_000);
        }
        assertThat(failures).isEmpty();
        store.append(id, new Entry.User("still working"));
        List<String> texts = store.path(id).stream().map(ConcurrencyChecks::text).toList();
        assertThat(texts).hasSize(102).startsWith("while interrupted", "#0").endsWith("#99", "still working");
    }

    @Test
    void gives_simultaneous_first_uses_of_a_key_one_conversation() throws Exception {
        SessionStore store = contract.store;
        SessionKey key = new SessionKey("web:crowd");
        List<SessionId> seen = together(16, n -> store.current(key).id());
        assertThat(seen).containsOnly(seen.getFirst());
        assertThat(store.list(key)).extracting(SessionHeader::id).containsExactly(seen.getFirst());
    }

    @Test
    void lists_every_one_of_simultaneous_rotations_and_makes_one_current() throws Exception {
        SessionStore store = contract.store;
        SessionKey key = new SessionKey("web:rotating");
        List<SessionId> rotated = together(8, n -> store.rotate(key).id());
        assertThat(rotated).doesNotHaveDuplicates();
        assertThat(store.list(key)).extracting(SessionHeader::id).containsExactlyInAnyOrderElementsOf(rotated);
        assertThat(rotated).contains(store.current(key).id());
    }
}
