package dev.jclaw.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * End to end over HTTP (issue 11): N concurrent clients stream {@code POST /v1/chat/completions} through
 * {@code bin/jclaw serve} of a built distribution (H2 persistence on, one tool call per turn) against the fake model
 * in its own process ({@link FakeModelMain}); then the same N clients call the fake directly with the two requests a
 * turn makes. Per level: turns/s, turn latency p50/p99 (request sent → {@code data: [DONE]} read), the serve
 * process's RSS and CPU; at the end 1,000 conversations (distinct {@code X-JClaw-Session}, one turn each) and the
 * RSS after them. See docs/benchmarks.md.
 *
 * <p>Usage: {@code HttpLoadBench [distribution dir] [runs] [seconds per phase] [levels, e.g. 1,16,256]}.
 */
public final class HttpLoadBench {
    /** Turns per server-side conversation before a client starts a new one, so histories stay short. */
    static final int TURNS_PER_SESSION = 10;
    static final String USER = "bench";
    /** Whether the direct clients send minimal requests instead of replaying JClaw's. */
    static final boolean MINIMAL = "minimal".equals(System.getenv("BENCH_DIRECT"));

    private HttpLoadBench() {
    }

    /** One phase's figures: turns completed in the window, turns/s, latencies in ms, failures. */
    record Result(long turns, double perSecond, double p50, double p99, long failures) {
    }

    public static void main(String[] args) throws Exception {
        // pooled connections are dropped by the client before the servers' own idle time-outs (JDK HttpServer: 30 s)
        // can close one under a request just sent on it
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        Path dist = Path.of(args.length > 0 ? args[0] : "runtime/dist/target/jclaw").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<Integer> levels = Stream.of((args.length > 3 ? args[3] : "1,16,256").split(","))
                .map(Integer::parseInt).toList();
        System.out.println("load average at start: " + BenchProcesses.loadAverage());
        Path home = Files.createTempDirectory("jclaw-http-bench");
        Files.createDirectories(home.resolve("capture"));
        Process fake = BenchProcesses.startFake(home);
        Process serve = null;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            BufferedReader fakeOut = new BufferedReader(new InputStreamReader(fake.getInputStream(),
                    StandardCharsets.UTF_8));
            String fakeUrl = fakeOut.readLine();
            if (fakeUrl == null) {
                throw new IllegalStateException("fake model exited: " + Files.readString(home.resolve("fake.log")));
            }
            int port = BenchProcesses.freePort();
            // one user for all clients: the per-user limit (default 4) raised above the clients in flight, with
            // room for a turn whose slot is still held for a moment after its [DONE] reached the client
            int maxTurns = Math.min(1000, 2 * Math.max(16, levels.stream().mapToInt(Integer::intValue).max()
                    .orElse(1)) + 16);
            Files.writeString(home.resolve("jclaw.json"), """
                    {"models": {"default": "fake-1", "providers": {"fake": {"base-url": "%s",
                      "models": {"fake-1": {"context-window": 32768, "tokenizer": "estimate"}}}}},
                     "gateway": {"max-turns-per-user": %d}}
                    """.formatted(fakeUrl, maxTurns));
            BenchProcesses.run(dist, home, port, "users", "add", USER, "--tier", "yolo", "--generate");
            String key = BenchProcesses.run(dist, home, port, "keys", "create", "--user", USER, "--name", "bench")
                    .strip();
            BenchProcesses.firstStart(client, dist, home, port);
            long started = System.nanoTime();
            serve = BenchProcesses.serving(dist, home, port).start();
            BenchProcesses.awaitReady(client, port, serve, home);
            long servePid = BenchProcesses.jvmPid(serve);
            System.out.printf("fake model at %s (pid %d); jclaw serve on port %d (JVM pid %d), ready in %.2f s%n",
                    fakeUrl, fake.pid(), port, servePid, (System.nanoTime() - started) / 1e9);
            System.out.printf("RSS of serve when ready: %.0f MB%n", BenchProcesses.rssMb(servePid));
            Turns turns = new Turns(client, URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), key,
                    URI.create(fakeUrl + "/chat/completions"));
            System.out.println("sanity turn through JClaw: " + turns.sanity());
            turns.replay(Files.readString(home.resolve("capture/first.json")),
                    Files.readString(home.resolve("capture/second.json")));
            System.out.printf("JClaw's requests to the model: %d and %d bytes (replayed by the direct clients%s)%n",
                    Files.size(home.resolve("capture/first.json")), Files.size(home.resolve("capture/second.json")),
                    MINIMAL ? "; not now: BENCH_DIRECT=minimal sends minimal requests instead" : "");
            breakdown(turns, fake, fakeOut, 300);
            measure(turns, levels, runs, seconds, servePid, fake.pid());
            conversations(turns, 1000, servePid);
        } finally {
            if (serve != null) {
                serve.destroy();
                if (!serve.waitFor(30, TimeUnit.SECONDS)) {
                    serve.destroyForcibly();
                }
            }
            fake.getOutputStream().close();
            if (!fake.waitFor(10, TimeUnit.SECONDS)) {
                fake.destroyForcibly();
            }
            System.out.println("fake model log: " + Files.readString(home.resolve("fake.log")).strip());
            System.out.println("load average at end: " + BenchProcesses.loadAverage());
            if (System.getenv("BENCH_KEEP_HOME") != null) {
                System.out.println("JClaw home kept (logs, database): " + home);
            } else {
                try (Stream<Path> files = Files.walk(home)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void measure(Turns turns, List<Integer> levels, int runs, int seconds, long servePid,
            long fakePid) throws Exception {
        Map<Integer, List<Result>> jclaw = new LinkedHashMap<>();
        Map<Integer, List<Result>> direct = new LinkedHashMap<>();
        Map<Integer, List<Double>> rss = new LinkedHashMap<>();
        Map<Integer, List<Double>> serveCpu = new LinkedHashMap<>();
        Map<Integer, List<Double>> fakeCpu = new LinkedHashMap<>();
        Duration window = Duration.ofSeconds(seconds);
        Duration warmUp = Duration.ofSeconds(Math.max(2, seconds / 3));
        for (int run = 0; run < runs; run++) {
            for (int n : levels) {
                String prefix = "r" + run + "-n" + n;
                double[] cpu = {BenchProcesses.cpuMs(servePid), BenchProcesses.cpuMs(fakePid)};
                Result through = Load.run(n, warmUp, window, (c, i) -> turns.throughJClaw(
                        prefix + "-c" + c + "-" + i / TURNS_PER_SESSION));
                double serveMs = BenchProcesses.cpuMs(servePid) - cpu[0];
                double fakeMs = BenchProcesses.cpuMs(fakePid) - cpu[1];
                double rssNow = BenchProcesses.rssMb(servePid);
                cpu[1] = BenchProcesses.cpuMs(fakePid);
                Result straight = Load.run(n, warmUp, window, (c, i) -> {
                    if (MINIMAL) {
                        turns.minimal(prefix + "-" + c + "-" + i);
                    } else {
                        turns.direct();
                    }
                });
                double fakeDirectMs = BenchProcesses.cpuMs(fakePid) - cpu[1];
                // CPU per completed turn, over warm-up and window together (both ran the same load)
                double share = (double) (warmUp.toMillis() + window.toMillis()) / window.toMillis();
                serveCpu.computeIfAbsent(n, k -> new ArrayList<>()).add(serveMs / (through.turns() * share));
                fakeCpu.computeIfAbsent(n, k -> new ArrayList<>()).add(fakeMs / (through.turns() * share));
                jclaw.computeIfAbsent(n, k -> new ArrayList<>()).add(through);
                direct.computeIfAbsent(n, k -> new ArrayList<>()).add(straight);
                rss.computeIfAbsent(n, k -> new ArrayList<>()).add(rssNow);
                System.out.printf(
                        "run %d, %3d clients: JClaw %7.1f turns/s p50 %7.2f p99 %8.2f ms (%d failed; serve CPU %.2f"
                                + " ms/turn, fake %.2f) | direct %7.1f turns/s p50 %7.2f p99 %8.2f ms (%d failed;"
                                + " fake CPU %.2f ms/turn) | RSS %.0f MB | load %s%n",
                        run, n, through.perSecond(), through.p50(), through.p99(), through.failures(),
                        serveCpu.get(n).getLast(), fakeCpu.get(n).getLast(), straight.perSecond(), straight.p50(),
                        straight.p99(), straight.failures(), fakeDirectMs / (straight.turns() * share), rssNow,
                        BenchProcesses.loadAverage());
            }
        }
        System.out.println();
        System.out.println("| clients | JClaw turns/s | JClaw turn p50 / p99 | direct turns/s (fake req/s) | direct "
                + "p50 / p99 | added p50 / p99 | JClaw turns/s ÷ fake req/s | serve CPU/turn | RSS |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int n : levels) {
            List<Result> j = jclaw.get(n);
            List<Result> d = direct.get(n);
            double directRate = median(d, Result::perSecond);
            List<Double> added50 = new ArrayList<>();
            List<Double> added99 = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            for (int i = 0; i < j.size(); i++) {
                added50.add(j.get(i).p50() - d.get(i).p50());
                added99.add(j.get(i).p99() - d.get(i).p99());
                ratio.add(j.get(i).perSecond() / (2 * d.get(i).perSecond()));
            }
            System.out.printf("| %d | %.1f | %.2f / %.2f ms | %.1f (%.1f) | %.2f / %.2f ms | %.2f / %.2f ms | %.0f%% "
                            + "| %.2f ms | %.0f MB |%n", n, median(j, Result::perSecond), median(j, Result::p50),
                    median(j, Result::p99), directRate, 2 * directRate, median(d, Result::p50),
                    median(d, Result::p99), Stats.median(added50), Stats.median(added99),
                    100 * Stats.median(ratio), Stats.median(serveCpu.get(n)), Stats.median(rss.get(n)));
        }
        System.out.println("(medians over " + runs + " runs; added = JClaw turn − direct turn, per run, at p50 and"
                + " p99; fake CPU per JClaw turn: " + fmt(fakeCpu) + ")");
    }

    /**
     * One client, turns in sequence: where a turn's time goes, from the fake's arrival times of the two model
     * requests (the monotonic clock is shared by the processes): client sent → first model request arrived,
     * first → second arrived (the fake's first answer, the tool call, both persisted), second arrived → [DONE].
     */
    private static void breakdown(Turns turns, Process fake, BufferedReader fakeOut, int count) throws Exception {
        List<Double> before = new ArrayList<>();
        List<Double> between = new ArrayList<>();
        List<Double> after = new ArrayList<>();
        for (int i = 0; i < 50; i++) { // warm-up
            turns.throughJClaw("breakdown-warm-" + i / TURNS_PER_SESSION);
        }
        arrivals(fake, fakeOut);
        long[][] times = new long[count][2];
        for (int i = 0; i < count; i++) {
            times[i][0] = System.nanoTime();
            turns.throughJClaw("breakdown-" + i / TURNS_PER_SESSION);
            times[i][1] = System.nanoTime();
        }
        long[] arrived = arrivals(fake, fakeOut);
        if (arrived.length != 2 * count) {
            System.out.println("breakdown skipped: " + arrived.length + " model requests for " + count + " turns");
            return;
        }
        for (int i = 0; i < count; i++) {
            before.add((arrived[2 * i] - times[i][0]) / 1e6);
            between.add((arrived[2 * i + 1] - arrived[2 * i]) / 1e6);
            after.add((times[i][1] - arrived[2 * i + 1]) / 1e6);
        }
        System.out.printf("one client, %d turns in sequence, medians: sent → 1st model request %.2f ms; 1st → 2nd"
                        + " model request %.2f ms; 2nd → [DONE] %.2f ms (p99 %.2f / %.2f / %.2f ms)%n", count,
                Stats.median(before), Stats.median(between), Stats.median(after), Stats.percentile(before, 99),
                Stats.percentile(between, 99), Stats.percentile(after, 99));
    }

    private static long[] arrivals(Process fake, BufferedReader fakeOut) throws IOException {
        fake.getOutputStream().write("arrivals\n".getBytes(StandardCharsets.US_ASCII));
        fake.getOutputStream().flush();
        String line = fakeOut.readLine();
        return line == null || line.isBlank() ? new long[0]
                : Stream.of(line.split(" ")).mapToLong(Long::parseLong).toArray();
    }

    private static void conversations(Turns turns, int count, long servePid) throws Exception {
        double before = BenchProcesses.rssMb(servePid);
        long start = System.nanoTime();
        Result result = Load.count(16, count, (c, i) -> turns.throughJClaw("conversation-" + i));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d conversations (one turn each, 16 clients): %.1f s, %.1f turns/s, %d failed; RSS %.0f MB"
                        + " before, %.0f MB after; load %s%n", count, seconds, count / seconds, result.failures(),
                before, BenchProcesses.rssMb(servePid), BenchProcesses.loadAverage());
        Thread.sleep(5_000);
        System.out.printf("RSS 5 s later: %.0f MB%n", BenchProcesses.rssMb(servePid));
        BenchProcesses.heapInfo(servePid);
    }

    private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> field) {
        return Stats.median(results.stream().map(field::applyAsDouble).toList());
    }

    private static String fmt(Map<Integer, List<Double>> byLevel) {
        StringBuilder out = new StringBuilder();
        byLevel.forEach((n, values) -> out.append(out.isEmpty() ? "" : ", ")
                .append("%d: %.2f ms".formatted(n, Stats.median(values))));
        return out.toString();
    }

    /** Reads an SSE body to {@code data: [DONE]}; returns the text of the content deltas' lines, or throws. */
    static String readStream(HttpResponse<InputStream> response) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + ": " + reader.readLine());
            }
            StringBuilder lines = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.equals("data: [DONE]")) {
                    return lines.toString();
                }
                if (line.contains("\"error\"")) {
                    throw new IOException("stream failed: " + line);
                }
                if (line.startsWith("data: ")) {
                    lines.append(line, 6, line.length()).append('\n');
                }
            }
            throw new IOException("stream ended without [DONE]");
        }
    }
}
