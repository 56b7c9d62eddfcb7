package dev.jclaw.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's steady state under a set of JVM flags: {@code bin/jclaw serve} with {@code JCLAW_SERVE_JAVA_OPTS},
 * concurrent clients cycling through {@code /health/ready}, {@code /api/plugins} and {@code /metrics} (the last two
 * authenticated) over keep-alive connections. Reports requests/s, latency, the server's CPU time per request and its
 * resident memory. Part of {@link LauncherBench}.
 */
final class SteadyLoad {
    private SteadyLoad() {
    }

    record Figures(double perSecond, double p50Ms, double p99Ms, double cpuMicrosPerRequest, long rssMb,
                   long peakRssMb) {
    }

    static void compare(Path dist, int seconds, int clients, int rounds, List<String> flagSets) throws Exception {
        Map<String, Path> homes = new LinkedHashMap<>();
        Map<String, List<Figures>> results = new LinkedHashMap<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (String flags : flagSets) { // each set of flags gets its home, and so its own cache
                Path home = Files.createTempDirectory("jclaw-steady");
                homes.put(flags, home);
                results.put(flags, new ArrayList<>());
                for (int i = 0; i < 4 && !LauncherBench.cacheReady(home, "serve"); i++) {
                    LauncherBench.Server.start(dist, home, LauncherBench.env(flags), client).stop();
                    LauncherBench.awaitAssembly(home);
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (String flags : flagSets) {
                    Figures figures = once(dist, homes.get(flags), flags, seconds, clients, client);
                    results.get(flags).add(figures);
                    System.out.printf("round %d [%s]: %.0f req/s, p50 %.2f ms, p99 %.2f ms, server CPU %.0f µs/req,"
                                    + " RSS %d MB (peak %d MB), load %s%n", round, flags, figures.perSecond(), figures.p50Ms(),
                            figures.p99Ms(), figures.cpuMicrosPerRequest(), figures.rssMb(), figures.peakRssMb(),
                            LauncherBench.load());
                }
            }
        }
        System.out.println();
        for (Map.Entry<String, List<Figures>> entry : results.entrySet()) {
            List<Figures> all = entry.getValue();
            System.out.printf("[%s] medians of %d: %.0f req/s, p50 %.2f ms, p99 %.2f ms, CPU %.0f µs/req, RSS %.0f MB"
                            + " (peak %.0f MB)%n", entry.getKey(), all.size(),
                    Stats.median(all.stream().map(Figures::perSecond).toList()),
                    Stats.median(all.stream().map(Figures::p50Ms).toList()),
                    Stats.median(all.stream().map(Figures::p99Ms).toList()),
                    Stats.median(all.stream().map(Figures::cpuMicrosPerRequest).toList()),
                    Stats.median(all.stream().map(f -> (double) f.rssMb()).toList()),
                    Stats.median(all.stream().map(f -> (double) f.peakRssMb()).toList()));
        }
    }

    private static Figures once(Path dist, Path home, String flags, int seconds, int clients, HttpClient client)
            throws Exception {
        LauncherBench.Server server = LauncherBench.Server.start(dist, home, LauncherBench.env(flags), client);
        try {
            String base = "http://127.0.0.1:" + server.port();
            List<HttpRequest> requests = List.of(
                    HttpRequest.newBuilder(URI.create(base + "/health/ready")).GET().build(),
                    HttpRequest.newBuilder(URI.create(base + "/api/plugins"))
                            .header("Authorization", "Bearer " + LauncherBench.Server.token()).GET().build(),
                    HttpRequest.newBuilder(URI.create(base + "/metrics"))
                            .header("Authorization", "Bearer " + LauncherBench.Server.token()).GET().build());
            load(client, requests, clients, seconds, null); // warm-up: the JIT compiles what the load runs
            long cpuBefore = server.cpuMillis();
            List<Long> latencies = new ArrayList<>();
            long start = System.nanoTime();
            long count = load(client, requests, clients, seconds, latencies);
            double elapsed = (System.nanoTime() - start) / 1e9;
            long cpu = server.cpuMillis() - cpuBefore;
            List<Double> millis = latencies.stream().map(n -> n / 1e6).toList();
            return new Figures(count / elapsed, Stats.percentile(millis, 50), Stats.percentile(millis, 99),
                    cpu * 1000.0 / count, server.rssKb() / 1024, server.peakRssKb() / 1024);
        } finally {
            server.stop();
        }
    }

    /** Runs the clients for a while; returns the number of requests answered, adding latencies when asked. */
    private static long load(HttpClient client, List<HttpRequest> requests, int clients, int seconds,
                             List<Long> latencies) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong count = new AtomicLong();
        List<List<Long>> perClient = new ArrayList<>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                List<Long> mine = new ArrayList<>();
                perClient.add(mine);
                int offset = c;
                executor.submit(() -> {
                    for (int i = offset; System.nanoTime() < deadline; i++) {
                        long t = System.nanoTime();
                        HttpResponse<byte[]> response = client.send(requests.get(i % requests.size()),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("status " + response.statusCode());
                        }
                        mine.add(System.nanoTime() - t);
                        count.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        if (latencies != null) {
            perClient.forEach(latencies::addAll);
        }
        return count.get();
    }
}
