package dev.jclaw.bench;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes of {@link HttpLoadBench}: the fake model in a JVM of its own, a JClaw home and {@code bin/jclaw}
 * commands on it, the server started as users start it, and what {@code /proc} and {@code jcmd} say of them.
 */
final class BenchProcesses {
    private BenchProcesses() {
    }

    static Process startFake(Path home) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-p", System.getProperty("jdk.module.path"), "--add-modules",
                "ALL-MODULE-PATH", "-m", "dev.jclaw.bench/dev.jclaw.bench.FakeModelMain",
                home.resolve("capture").toString())
                .redirectError(home.resolve("fake.log").toFile()).start();
    }

    static ProcessBuilder jclaw(Path dist, Path home, int port, String... args) {
        List<String> command = new ArrayList<>(List.of(dist.resolve("bin/jclaw").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("JCLAW_HOME", home.toString());
        builder.environment().put("JCLAW_SERVER_PORT", Integer.toString(port));
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("OPENAI_BASE_URL");
        builder.environment().remove("JAVA_OPTS");
        return builder;
    }

    static ProcessBuilder serving(Path dist, Path home, int port) {
        ProcessBuilder serving = jclaw(dist, home, port, "serve").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("serve.log").toFile()));
        String extra = System.getenv("BENCH_SERVE_JAVA_OPTS"); // e.g. a flight recording, for serve only
        if (extra != null) {
            serving.environment().put("JAVA_OPTS", extra);
        }
        return serving;
    }

    /**
     * A user's first {@code serve} on a home records what it loads, and the launcher makes the ahead-of-time cache
     * from it once that server stops; every later start uses the cache. The bench measures a later start: it
     * starts and stops one server first, then waits for the cache.
     */
    static void firstStart(HttpClient client, Path dist, Path home, int port) throws Exception {
        if ("off".equals(System.getenv("JCLAW_AOT"))) {
            return;
        }
        Process first = serving(dist, home, port).start();
        awaitReady(client, port, first, home);
        first.destroy();
        if (!first.waitFor(60, TimeUnit.SECONDS)) {
            first.destroyForcibly();
        }
        Path aot = home.resolve("cache/aot");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(aot)) {
                if (files.anyMatch(f -> f.getFileName().toString().matches("serve-.*\\.aot"))) {
                    return;
                }
            } catch (IOException e) {
                // not made yet
            }
            Thread.sleep(200);
        }
        System.out.println("no ahead-of-time cache after the first start: measuring without one");
    }

    /** The JVM's pid: the launcher execs it, except on a start that records the ahead-of-time cache. */
    static long jvmPid(Process process) {
        if (process.info().command().filter(c -> c.endsWith("/java")).isPresent()) {
            return process.pid();
        }
        return process.descendants().filter(p -> p.info().command().filter(c -> c.endsWith("/java")).isPresent())
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    static String run(Path dist, Path home, int port, String... args) throws Exception {
        Path err = home.resolve("cli.err");
        Process process = jclaw(dist, home, port, args).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jclaw " + String.join(" ", args) + " failed: " + Files.readString(err));
        }
        return out;
    }

    static void awaitReady(HttpClient client, int port, Process serve, Path home) throws Exception {
        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                throw new IllegalStateException("serve exited: " + Files.readString(home.resolve("serve.log")));
            }
            try {
                if (client.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("serve not ready in 120 s");
    }

    /** What the serve JVM's heap holds, by {@code jcmd} of the JDK the bench runs on; nothing when it is missing. */
    static void heapInfo(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            System.out.println("serve heap (jcmd GC.heap_info):");
            out.lines().skip(1).limit(8).forEach(line -> System.out.println("  " + line.strip()));
        } catch (IOException e) {
            System.out.println("no heap info: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    /** User plus system CPU time of a process, from /proc (clock ticks of 10 ms on Linux). */
    static double cpuMs(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }

    static String loadAverage() {
        try {
            return String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
