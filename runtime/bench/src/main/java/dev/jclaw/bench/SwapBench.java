package dev.jclaw.bench;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.testkit.PluginJarBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hot swap under load: a plugin host watching its directory serves a tool at a steady rate (default 200 calls/s,
 * each call taking ~2 ms) while the tool's jar is replaced by a new version again and again. Reports, per swap, the
 * time from the jar landing in the directory (an atomic move) to the first call answered by the new version, and
 * counts every call that did not succeed.
 *
 * <p>Usage: {@code SwapBench [swaps] [callsPerSecond] [move|copy]}.
 */
public final class SwapBench {
    private SwapBench() {
    }

    public static void main(String[] args) throws Exception {
        int swaps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        // "move": the jar lands by an atomic rename (the documented way); "copy": written in place, as a plain cp
        boolean inPlace = args.length > 2 && args[2].equals("copy");
        Path root = Files.createTempDirectory("jclaw-swap-bench");
        Path plugins = Files.createDirectories(root.resolve("plugins"));
        Path scratch = Files.createDirectories(root.resolve("scratch"));
        Path workspace = Files.createDirectories(root.resolve("workspace"));
        List<Path> versions = new ArrayList<>();
        for (int v = 0; v <= swaps; v++) {
            versions.add(build(scratch.resolve("v" + v), v));
        }
        Files.copy(versions.getFirst(), plugins.resolve("ver.jar"));

        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Double> swapMillis = new ArrayList<>();
        try (PluginHost host = new PluginHost(HostSettings.defaults(plugins, root.resolve("data"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
             ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor()) {
            host.start();
            ToolContext context = new ToolContext("bench", JsonObject.EMPTY, workspace, "bench:load",
                    Instant.now().plusSeconds(3600));
            long periodMicros = 1_000_000L / rate;
            ticker.scheduleAtFixedRate(() -> Thread.ofVirtual().start(() -> {
                Optional<ToolResult> result = host.tools().call("ver", context);
                if (result.isPresent() && result.get() instanceof ToolResult.Ok) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
            }), 0, periodMicros, TimeUnit.MICROSECONDS);

            Thread.sleep(1000);
            for (int v = 1; v <= swaps; v++) {
                long start;
                if (inPlace) {
                    start = System.nanoTime();
                    Files.copy(versions.get(v), plugins.resolve("ver.jar"), StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Path staged = Files.copy(versions.get(v), plugins.resolve(".incoming.tmp"),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                    start = System.nanoTime();
                    Files.move(staged, plugins.resolve("ver.jar"), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                String expected = "v" + v;
                while (!host.tools().call("ver", context).map(r -> r instanceof ToolResult.Ok o
                        && o.content().equals(expected)).orElse(false)) {
                    Thread.sleep(1);
                }
                double ms = (System.nanoTime() - start) / 1e6;
                swapMillis.add(ms);
                System.out.printf("swap to %s: %.0f ms%n", expected, ms);
                Thread.sleep(700); // let the old version drain and unload under load
            }
            ticker.shutdown();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(200);
        }
        System.out.println(Stats.summary("jar replaced to new version serving", swapMillis, "ms")
                + ", p90 " + Stats.percentile(swapMillis, 90) + " ms");
        System.out.printf("calls at %d/s: %d ok, %d failed%n", rate, ok.get(), failed.get());
    }

    private static Path build(Path dir, int version) throws Exception {
        Files.createDirectories(dir);
        return PluginJarBuilder.plugin("ver", "1." + version)
                .source("module-info.java", "module ver { requires dev.jclaw.api;"
                        + " provides dev.jclaw.api.tool.ToolProvider with ver.Tools; }")
                .source("ver/Tools.java", """
                        package ver;
                        import dev.jclaw.api.PluginContext;
                        import dev.jclaw.api.tool.*;
                        import java.util.List;
                        public final class Tools implements ToolProvider {
                            public List<Tool> tools(PluginContext context) {
                                return List.of(new Tool() {
                                    public String name() { return "ver"; }
                                    public String description() { return "which version answers"; }
                                    public String parametersSchema() { return "{\\"type\\":\\"object\\"}"; }
                                    public ToolClass toolClass() { return ToolClass.READ; }
                                    public ToolResult execute(ToolContext ctx) throws Exception {
                                        Thread.sleep(2);
                                        return ToolResult.ok("v%d");
                                    }
                                });
                            }
                        }
                        """.formatted(version))
                .build(dir.resolve("ver.jar"));
    }
}
