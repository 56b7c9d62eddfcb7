package dev.jclaw.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Closed-loop load: N client virtual threads each running turns back to back. */
final class Load {
    private Load() {
    }

    /** One turn of client {@code client}, its {@code index}-th. */
    @FunctionalInterface
    interface Turn {
        void run(int client, int index) throws Exception;
    }

    /**
     * Runs N clients for a warm-up and then a window; a turn counts when it starts and ends inside the window.
     *
     * @return turns in the window, turns/s, p50 and p99 of their latency in ms, failures (any time)
     */
    static HttpLoadBench.Result run(int clients, Duration warmUp, Duration window, Turn turn) throws Exception {
        long start = System.nanoTime();
        long from = start + warmUp.toNanos();
        long to = from + window.toNanos();
        ConcurrentLinkedQueue<double[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                List<Double> mine = new ArrayList<>();
                for (int i = 0; System.nanoTime() < to; i++) {
                    long t0 = System.nanoTime();
                    try {
                        turn.run(client, i);
                    } catch (Exception e) {
                        if (failures.incrementAndGet() == 1) {
                            System.err.println("first failure: " + e);
                        }
                        pause();
                        continue;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= from && t1 <= to) {
                        mine.add((t1 - t0) / 1e6);
                    }
                }
                all.add(mine.stream().mapToDouble(Double::doubleValue).toArray());
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Double> latencies = new ArrayList<>();
        all.forEach(a -> {
            for (double v : a) {
                latencies.add(v);
            }
        });
        if (latencies.isEmpty()) {
            return new HttpLoadBench.Result(0, 0, Double.NaN, Double.NaN, failures.get());
        }
        return new HttpLoadBench.Result(latencies.size(), latencies.size() / (window.toNanos() / 1e9),
                Stats.percentile(latencies, 50), Stats.percentile(latencies, 99), failures.get());
    }

    private static void pause() {
        try {
            Thread.sleep(10); // a refused turn (429) must not turn into a busy loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code total} turns over N clients, each turn a distinct index; latency figures as in {@link #run}. */
    static HttpLoadBench.Result count(int clients, int total, Turn turn) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    try {
                        turn.run(client, i);
                        latencies.add((System.nanoTime() - t0) / 1e6);
                    } catch (Exception e) {
                        if (failures.incrementAndGet() == 1) {
                            System.err.println("first failure: " + e);
                        }
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<Double> sorted = List.copyOf(latencies);
        return sorted.isEmpty() ? new HttpLoadBench.Result(0, 0, Double.NaN, Double.NaN, failures.get())
                : new HttpLoadBench.Result(sorted.size(), 0, Stats.percentile(sorted, 50),
                        Stats.percentile(sorted, 99), failures.get());
    }
}
