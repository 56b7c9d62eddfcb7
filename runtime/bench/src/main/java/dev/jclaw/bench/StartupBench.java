package dev.jclaw.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Process start to ready: launches {@code bin/jclaw serve} of a built distribution with a private JCLAW_HOME, and
 * times until {@code GET /health/ready} answers 200 (so every plugin in the distribution is ACTIVE or FAILED).
 *
 * <p>Usage: {@code StartupBench <distribution dir> [runs]}.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "runtime/dist/target/jclaw").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        List<Double> millis = new ArrayList<>();
        // one JCLAW_HOME for all runs, as a restarted server has: the launcher's first run records what it loads,
        // the second assembles the ahead-of-time cache in the background, the later ones use it
        Path home = Files.createTempDirectory("jclaw-bench-home");
        try (HttpClient client = HttpClient.newHttpClient()) {
            for (int i = 0; i < 4 && (i == 0 || !LauncherBench.cacheReady(home, "serve")); i++) {
                System.out.printf("warm-up %d: %.0f ms%n", i, once(dist, home, client));
                LauncherBench.awaitAssembly(home);
            }
            for (int i = 0; i < runs; i++) {
                double ms = once(dist, home, client);
                millis.add(ms);
                System.out.printf("run %d: %.0f ms%n", i, ms);
            }
        }
        System.out.println(Stats.summary("start to ready", millis, "ms"));
    }

    private static double once(Path dist, Path home, HttpClient client) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(dist.resolve("bin/jclaw").toString(), "serve")
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("out.log").toFile());
        builder.environment().put("JCLAW_HOME", home.toString());
        builder.environment().put("JCLAW_SERVER_PORT", Integer.toString(port));
        builder.directory(home.toFile());
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(home.resolve("out.log")));
                }
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(ready).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return (System.nanoTime() - start) / 1e6;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(2);
            }
        } finally {
            process.destroy(); // SIGTERM: exercises graceful shutdown too
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
