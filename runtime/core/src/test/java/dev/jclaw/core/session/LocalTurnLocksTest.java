package dev.jclaw.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class LocalTurnLocksTest {
    static final SessionKey ALICE = new SessionKey("cli:alice");
    static final SessionKey BOB = new SessionKey("cli:bob");
    static final Duration LONG = Duration.ofSeconds(10);

    final LocalTurnLocks locks = new LocalTurnLocks();

    @Nested
    class Queueing {
        @Test
        void gives_the_turn_at_once_when_no_one_holds_it() throws Exception {
            try (TurnLocks.Ticket ticket = locks.enter(ALICE)) {
                assertThat(ticket.position()).isZero();
                assertThat(ticket.await(Duration.ZERO)).isTrue();
                assertThat(locks.queueLength(ALICE)).isEqualTo(1);
            }
            assertThat(locks.queueLength(ALICE)).isZero();
        }

        @Test
        void tells_a_second_caller_its_position_and_lets_it_in_when_the_first_closes() throws Exception {
            TurnLocks.Ticket first = locks.enter(ALICE);
            TurnLocks.Ticket second = locks.enter(ALICE);
            TurnLocks.Ticket third = locks.enter(ALICE);
            assertThat(List.of(first.position(), second.position(), third.position())).containsExactly(0, 1, 2);
            List<Integer> told = new CopyOnWriteArrayList<>();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> awaitQuietly(third, told::add));
            while (told.isEmpty()) {
                Thread.onSpinWait();
            }
            first.close();
            second.close();
            assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(told).startsWith(2).doesNotContain(0).isSortedAccordingTo(Collections.reverseOrder());
            assertThat(third.position()).isZero();
            third.close();
        }

        @Test
        void serves_many_waiters_in_arrival_order_one_at_a_time() throws Exception {
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlap = new AtomicInteger();
            TurnLocks.Ticket gate = locks.enter(ALICE);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                TurnLocks.Ticket ticket = locks.enter(ALICE); // entered in order, awaited in any order
                threads.add(Thread.ofVirtual().start(() -> {
                    try (ticket) {
                        assertThat(ticket.await(LONG)).isTrue();
                        if (inside.incrementAndGet() > 1) {
                            overlap.incrementAndGet();
                        }
                        order.add(n);
                        Thread.sleep(2);
                        inside.decrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            gate.close();
            for (Thread t : threads) {
                t.join();
            }
            assertThat(order).hasSize(20).isSorted();
            assertThat(overlap).hasValue(0);
            assertThat(locks.queueLength(ALICE)).isZero();
        }

        @Test
        void keeps_keys_apart() throws Exception {
            try (TurnLocks.Ticket alice = locks.enter(ALICE); TurnLocks.Ticket bob = locks.enter(BOB)) {
                assertThat(alice.await(Duration.ZERO)).isTrue();
                assertThat(bob.await(Duration.ZERO)).isTrue();
            }
        }
    }

    @Nested
    class LeavingTheQueue {
        @Test
        void times_out_and_stays_queued_until_closed() throws Exception {
            try (TurnLocks.Ticket first = locks.enter(ALICE); TurnLocks.Ticket second = locks.enter(ALICE)) {
                long start = System.nanoTime();
                assertThat(second.await(Duration.ofMillis(50))).isFalse();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
                assertThat(second.position()).isEqualTo(1);
                assertThat(first.isClosed()).isFalse();
            }
            assertThat(locks.queueLength(ALICE)).isZero();
        }

        @Test
        void answers_an_interrupt_with_interrupted_exception() throws Exception {
            TurnLocks.Ticket first = locks.enter(ALICE);
            TurnLocks.Ticket second = locks.enter(ALICE);
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            Thread waiter = Thread.ofVirtual().start(() -> {
                try {
                    second.await(LONG, p -> started.countDown());
                    outcome.complete(null);
                } catch (Throwable t) {
                    outcome.complete(t);
                }
            });
            started.await();
            waiter.interrupt();
            assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
            second.close();
            first.close();
            assertThat(locks.queueLength(ALICE)).isZero();
        }

        @Test
        void lets_the_ones_behind_move_up_when_a_waiter_withdraws() throws Exception {
            try (TurnLocks.Ticket first = locks.enter(ALICE)) {
                TurnLocks.Ticket second = locks.enter(ALICE);
                TurnLocks.Ticket third = locks.enter(ALICE);
                CompletableFuture<Boolean> withdrawn = CompletableFuture.supplyAsync(() -> awaitQuietly(second, p -> {
                }));
                second.close(); // from another thread than the waiting one
                assertThat(withdrawn.get(5, TimeUnit.SECONDS)).isFalse();
                assertThat(second.isClosed()).isTrue();
                assertThat(first.position()).isZero();
                assertThat(third.position()).isEqualTo(1);
                third.close();
                assertThatThrownBy(second::position).isInstanceOf(IllegalStateException.class);
            }
        }

        @Test
        void closes_idempotently_without_touching_a_later_queue_of_the_same_key() throws Exception {
            TurnLocks.Ticket old = locks.enter(ALICE);
            old.close();
            try (TurnLocks.Ticket fresh = locks.enter(ALICE); TurnLocks.Ticket next = locks.enter(ALICE)) {
                old.close();
                assertThat(locks.queueLength(ALICE)).isEqualTo(2);
                assertThat(fresh.position()).isZero();
                assertThat(next.position()).isEqualTo(1);
            }
        }
    }

    @Test
    void survives_a_storm_of_tickets_on_few_keys_and_forgets_every_key_afterwards() throws Exception {
        List<SessionKey> keys = List.of(ALICE, BOB, new SessionKey("web:carol"));
        AtomicInteger[] inside = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        AtomicInteger overlaps = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int k = i % keys.size();
            threads.add(Thread.ofVirtual().start(() -> {
                try (TurnLocks.Ticket ticket = locks.enter(keys.get(k))) {
                    if (ticket.await(LONG)) {
                        if (inside[k].incrementAndGet() > 1) {
                            overlaps.incrementAndGet();
                        }
                        Thread.yield();
                        inside[k].decrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(overlaps).hasValue(0);
        assertThat(keys).allSatisfy(key -> assertThat(locks.queueLength(key)).isZero());
    }

    private static boolean awaitQuietly(TurnLocks.Ticket ticket, java.util.function.IntConsumer positions) {
        try {
            return ticket.await(LONG, positions);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
