package dev.jclaw.bench;

import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The distribution as users run it, through {@code bin/jclaw} and the JVM flags it chooses per command.
 *
 * <ul>
 *   <li>{@code start <dist> [runs [variant...]]}: process start to {@code GET /health/ready} = 200 of
 *       {@code bin/jclaw serve}; first the record run and the runs until the ahead-of-time cache is in place
 *       (reported apart), then {@code runs} measured starts, all on one JClaw home per variant as a restarted server
 *       has. A variant is {@code default}, {@code aot-off}, {@code dist=DIR} (another build, e.g. an earlier one) or
 *       flags for {@code JCLAW_SERVE_JAVA_OPTS}.</li>
 *   <li>{@code steady <dist> <seconds> <clients> <rounds> <flags>...}: each set of flags (as
 *       {@code JCLAW_SERVE_JAVA_OPTS}; {@code default} for the launcher's own) serves {@code clients} concurrent
 *       HTTP clients for {@code seconds} after a warm-up of as long; the sets take turns {@code rounds} times.</li>
 *   <li>{@code run <dist> [runs]}: wall time of a one-turn {@code jclaw run} against the fake model server.</li>
 * </ul>
 * The environment of the bench (e.g. {@code JCLAW_AOT=off}) reaches the launcher.
 */
public final class LauncherBench {
    private static final String TOKEN = "bench-admin-token-0123456789abcdef";

    private LauncherBench() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "start";
        Path dist = Path.of(args.length > 1 ? args[1] : "runtime/dist/target/jclaw").toAbsolutePath();
        switch (mode) {
            case "start" -> start(dist, args.length > 2 ? Integer.parseInt(args[2]) : 9,
                    args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of("default"));
            case "steady" -> SteadyLoad.compare(dist, Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Arrays.asList(args).subList(5, args.length));
            case "run" -> run(dist, args.length > 2 ? Integer.parseInt(args[2]) : 9);
            default -> throw new IllegalArgumentException("unknown mode " + mode + ": start, steady or run");
        }
    }

    private static void start(Path dist, int runs, List<String> variants) throws Exception {
        Map<String, Path> homes = new LinkedHashMap<>();
        Map<String, List<Double>> millis = new LinkedHashMap<>();
        Map<String, List<Double>> cpuMillis = new LinkedHashMap<>();
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (String variant : variants) { // each its own home, as a restarted server has: its own cache
                Path home = Files.createTempDirectory("jclaw-launcher-bench");
                homes.put(variant, home);
                millis.put(variant, new ArrayList<>());
                cpuMillis.put(variant, new ArrayList<>());
                int warmUps = variant.equals("aot-off") ? 1 : 4; // warms the file cache; no AOT cache to wait for
                for (int i = 0; i < warmUps && !cacheReady(home, "serve"); i++) {
                    Server server = Server.start(dist(dist, variant), home, env(variant), client);
                    System.out.printf("[%s] warm-up %d (%s): %.0f ms, load %s%n", variant, i,
                            i == 0 ? "records" : "cache being made", server.readyMillis(), load());
                    server.stop();
                    awaitAssembly(home);
                }
                System.out.printf("[%s] cache: %s%n", variant, cacheReady(home, "serve") ? "in place" : "none");
            }
            for (int i = 0; i < runs; i++) { // the variants take turns, so that the machine's noise hits them alike
                for (String variant : variants) {
                    Server server = Server.start(dist(dist, variant), homes.get(variant), env(variant), client);
                    long cpu = server.cpuMillis(); // the JVM's CPU time to ready: what the load average hides
                    millis.get(variant).add(server.readyMillis());
                    cpuMillis.get(variant).add((double) cpu);
                    System.out.printf("[%s] run %d: %.0f ms, CPU %d ms, RSS at ready %d MB, load %s%n", variant, i,
                            server.readyMillis(), cpu, server.rssKb() / 1024, load());
                    server.stop();
                }
            }
        }
        for (String variant : variants) {
            System.out.println(Stats.summary("[" + variant + "] start to ready", millis.get(variant), "ms"));
            System.out.println(Stats.summary("[" + variant + "] CPU time to ready", cpuMillis.get(variant), "ms"));
        }
    }

    /** The distribution of a variant: {@code dist=DIR} is another one (an earlier build), run with its defaults. */
    static Path dist(Path dist, String variant) {
        return variant.startsWith("dist=") ? Path.of(variant.substring(5)).toAbsolutePath() : dist;
    }

    /**
     * The environment of a variant: {@code default} is the launcher's own choice, {@code aot-off} the same without
     * the cache, {@code dist=DIR} another distribution, anything else flags for {@code JCLAW_SERVE_JAVA_OPTS}.
     */
    static Map<String, String> env(String variant) {
        if (variant.startsWith("dist=")) {
            return Map.of();
        }
        return switch (variant) {
            case "default" -> Map.of();
            case "aot-off" -> Map.of("JCLAW_AOT", "off");
            default -> Map.of("JCLAW_SERVE_JAVA_OPTS", variant);
        };
    }

    private static void run(Path dist, int runs) throws Exception {
        Path home = Files.createTempDirectory("jclaw-launcher-bench");
        Path workspace = Files.createDirectories(home.resolve("ws"));
        try (FakeModelServer model = FakeModelServer.start()) {
            for (int i = 0; i < 4 && !cacheReady(home, "agent"); i++) {
                System.out.printf("warm-up %d: %.0f ms%n", i, runOnce(dist, home, workspace, model));
                awaitAssembly(home);
            }
            System.out.println("cache: " + (cacheReady(home, "agent") ? "in place" : "NOT made (runs without)"));
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                double ms = runOnce(dist, home, workspace, model);
                millis.add(ms);
                System.out.printf("run %d: %.0f ms, load %s%n", i, ms, load());
            }
            System.out.println(Stats.summary("jclaw run, one turn", millis, "ms"));
        }
    }

    /** Wall time of one {@code jclaw run}; the CPU time it took (user + system, from time(1)) is printed. */
    private static double runOnce(Path dist, Path home, Path workspace, FakeModelServer model) throws Exception {
        model.enqueue(Reply.text("hello from the fake model"));
        Path times = home.resolve("time.txt");
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/time", "-f", "%U %S", "-o", times.toString(),
                dist.resolve("bin/jclaw").toString(), "run", "--workspace",
                workspace.toString(), "say hello").redirectErrorStream(true)
                .redirectOutput(home.resolve("run.log").toFile());
        builder.environment().put("JCLAW_HOME", home.toString());
        builder.environment().put("OPENAI_BASE_URL", model.baseUrl());
        builder.environment().put("JCLAW_MODEL", "fake-1");
        builder.environment().remove("OPENAI_API_KEY");
        builder.directory(home.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jclaw run failed: " + Files.readString(home.resolve("run.log")));
        }
        double ms = (System.nanoTime() - start) / 1e6;
        String out = Files.readString(home.resolve("run.log"), StandardCharsets.UTF_8);
        if (!out.contains("hello from the fake model")) {
            throw new IllegalStateException("unexpected output: " + out);
        }
        String[] cpu = Files.readString(times).trim().split(" ");
        System.out.printf("  CPU %.0f ms%n", (Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1])) * 1000);
        return ms;
    }

    /** The one-minute load average: the machine is shared, and a run is only as good as the quiet around it. */
    static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    /** Whether the launcher's cache for a profile ({@code serve} or {@code cli}) is in place in a JClaw home. */
    static boolean cacheReady(Path home, String profile) throws IOException {
        Path dir = home.resolve("cache/aot");
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().matches(profile + "-\\d+\\.aot"));
        }
    }

    /** Waits while the launcher assembles a cache in the background (its lock directory exists). */
    static void awaitAssembly(Path home) throws Exception {
        Path dir = home.resolve("cache/aot");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Files.isDirectory(dir) && System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.noneMatch(f -> f.getFileName().toString().endsWith(".lock"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
    }

    /** A {@code bin/jclaw serve} process, timed from its start to ready. */
    record Server(Process process, Path home, int port, double readyMillis) {
        static Server start(Path dist, Path home, Map<String, String> env, HttpClient client) throws Exception {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/jclaw").toString(), "serve")
                    .redirectErrorStream(true).redirectOutput(home.resolve("out.log").toFile());
            builder.environment().put("JCLAW_HOME", home.toString());
            builder.environment().put("JCLAW_SERVER_PORT", Integer.toString(port));
            builder.environment().put("JCLAW_ADMIN_TOKEN", TOKEN);
            builder.environment().putAll(env);
            builder.directory(home.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(home.resolve("out.log")));
                }
                try {
                    if (client.send(HttpRequest.newBuilder(ready).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new Server(process, home, port, (System.nanoTime() - start) / 1e6);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(2);
            }
        }

        static String token() {
            return TOKEN;
        }

        /** Resident memory now, from /proc (the launcher execs the JVM, so the process is the JVM). */
        long rssKb() throws IOException {
            return procStatus("VmRSS:");
        }

        /** The highest resident memory so far. */
        long peakRssKb() throws IOException {
            return procStatus("VmHWM:");
        }

        private long procStatus(String field) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
            return -1;
        }

        /** CPU time the process has used, user and system, in milliseconds. */
        long cpuMillis() {
            return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM, as a service manager stops it
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
