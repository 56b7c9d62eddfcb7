package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jclaw itself: the JVM flags it picks per command, the variables that override them, and its ahead-of-time cache
 * (recorded, assembled in the background, used; owner-only; a damaged or foreign cache never breaks a command).
 */
class LauncherTest {
    static final Path DIST = DistributionTest.DIST;

    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    Result jclaw(Map<String, String> extraEnv, String... args) throws Exception {
        return finish(start(extraEnv, args));
    }

    Process start(Map<String, String> extraEnv, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(
                Stream.of(DIST.resolve("bin/jclaw").toString()), Stream.of(args)).toList());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("JCLAW_") || k.equals("JAVA_OPTS") || k.equals("JDK_JAVA_OPTIONS"));
        env.put("JCLAW_HOME", home.toString());
        env.put("JCLAW_AOT", "on");
        env.putAll(extraEnv);
        return builder.directory(home.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
    }

    static Result finish(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    /** The flags the JVM ran with, as -XX:+PrintCommandLineFlags prints them (first line of standard output). */
    static String flags(Result result) {
        return result.out().lines().filter(l -> l.startsWith("-XX:")).findFirst().orElseThrow();
    }

    Path aotDir() {
        return home.resolve("cache/aot");
    }

    List<String> aotFiles() throws IOException {
        if (!Files.isDirectory(aotDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(aotDir())) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Waits until no background assembly holds a lock in the cache directory. */
    void awaitAssembly() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (aotFiles().stream().anyMatch(f -> f.endsWith(".lock"))) {
            assertThat(System.nanoTime()).as("assembly done within 60 s: " + aotFiles()).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    Path cache(String profile) throws IOException {
        List<String> files = aotFiles();
        return files.stream().filter(f -> f.matches(profile + "-\\d+\\.aot")).map(aotDir()::resolve)
                .findFirst().orElseThrow(() -> new AssertionError("no " + profile + " cache in " + files));
    }

    /** A command run with -Xlog:class+load, through JDK_JAVA_OPTIONS (which is not part of the cache's key). */
    boolean usesTheCache(String... args) throws Exception {
        Result result = jclaw(Map.of("JDK_JAVA_OPTIONS", "-Xlog:class+load=info"), args);
        assertThat(result.code()).as(result.err()).isZero();
        return result.out().contains("dev.jclaw.server.Main source: shared objects file");
    }

    @Test
    void short_commands_start_fast_and_serve_runs_with_c2_each_overridable_and_the_variables_stay_with_the_launcher()
            throws Exception {
        Map<String, String> print = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags", "JCLAW_AOT", "off");
        Result version = jclaw(print, "--version");
        assertThat(version.code()).isZero();
        assertThat(flags(version)).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(home.resolve("other.json"), "{\"server\": {\"port\": " + port + "}}");
        try (ServerSocket taken = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            // serve is recognised after --config FILE too; it stops at once, the port being taken
            Result serve = jclaw(print, "--config", home.resolve("other.json").toString(), "serve");
            assertThat(serve.code()).isEqualTo(1);
            assertThat(flags(serve)).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=536870912")
                    .doesNotContain("TieredStopAtLevel");

            Map<String, String> overridden = new HashMap<>(print);
            overridden.put("JCLAW_SERVE_JAVA_OPTS", "-XX:+UseParallelGC");
            overridden.put("JCLAW_CLI_JAVA_OPTS", "-XX:+UseG1GC -Xmx64m");
            Result serveOverridden = jclaw(overridden, "--config", home.resolve("other.json").toString(), "serve");
            assertThat(flags(serveOverridden)).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC");
            Result cliOverridden = jclaw(overridden, "--version");
            assertThat(flags(cliOverridden)).contains("-XX:+UseG1GC", "-XX:MaxHeapSize=67108864")
                    .doesNotContain("TieredStopAtLevel", "UseSerialGC");
            // JAVA_OPTS still comes last, over the launcher's choice
            overridden.put("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx128m");
            assertThat(flags(jclaw(overridden, "--version"))).contains("-XX:+UseG1GC", "-XX:MaxHeapSize=134217728");
        }

        // the launcher's variables are not configuration keys: the server never sees them, so no warning
        Result check = jclaw(Map.of("JCLAW_SERVE_JAVA_OPTS", "-XX:+UseG1GC", "JCLAW_CLI_JAVA_OPTS", "",
                "JCLAW_AOT", "off"), "config", "check");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out() + check.err()).doesNotContain("JCLAW_SERVE_JAVA_OPTS", "JCLAW_CLI_JAVA_OPTS",
                "JCLAW_AOT");
        assertThat(aotFiles()).as("JCLAW_AOT=off: no cache").isEmpty();
    }

    @Test
    void the_cache_is_recorded_then_assembled_then_used_owner_only_and_concurrent_first_runs_do_not_clash()
            throws Exception {
        for (int wave = 0; wave < 2; wave++) { // three first runs at once (each records into its own file), then three
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                processes.add(start(Map.of(), "--version"));
            }
            for (Process process : processes) {
                assertThat(finish(process)).isEqualTo(new Result(0, "jclaw 0.1.0-SNAPSHOT\n", ""));
            }
            awaitAssembly();
            Path cache = cache("cli");
            assertThat(aotFiles()).as("one cache and its size, the records gone")
                    .containsExactly(cache.getFileName().toString(), cache.getFileName() + ".size");
        }
        Path cache = cache("cli");
        assertThat(Files.getPosixFilePermissions(aotDir())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(home.resolve("cache")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String f : aotFiles()) {
            assertThat(Files.getPosixFilePermissions(aotDir().resolve(f))).as(f)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        assertThat(usesTheCache("--version")).as("a later start maps the cache").isTrue();

        // other flags are another cache; once it is made, the old one goes
        Result other = jclaw(Map.of("JCLAW_CLI_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dother=1"),
                "--version");
        assertThat(other).isEqualTo(new Result(0, "jclaw 0.1.0-SNAPSHOT\n", ""));
        awaitAssembly();
        assertThat(Files.exists(cache)).isFalse();
        assertThat(aotFiles()).hasSize(2).allMatch(f -> f.startsWith("cli-"));
    }

    @Test
    void a_damaged_cache_is_ignored_or_made_again_a_failed_run_records_nothing_and_commands_still_work()
            throws Exception {
        jclaw(Map.of(), "--version");
        awaitAssembly();
        Path cache = cache("cli");
        byte[] good = Files.readAllBytes(cache);

        // garbage of the right size behind the right magic number: the JVM refuses it, silently, and runs without
        byte[] garbage = new byte[good.length];
        new java.util.Random(1).nextBytes(garbage);
        System.arraycopy(good, 0, garbage, 0, 4);
        Files.write(cache, garbage);
        assertThat(jclaw(Map.of(), "--version")).isEqualTo(new Result(0, "jclaw 0.1.0-SNAPSHOT\n", ""));
        assertThat(usesTheCache("--version")).isFalse();

        // cut short (as a full disk would leave it): dropped; a command that fails records nothing worth a cache
        Files.write(cache, java.util.Arrays.copyOf(good, good.length / 3));
        Result usage = jclaw(Map.of(), "launch-missiles");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).isEqualTo("jclaw: unknown command 'launch-missiles' (see 'jclaw help')\n");
        awaitAssembly();
        assertThat(aotFiles()).isEmpty();
        // the next run that ends well makes it again
        assertThat(jclaw(Map.of(), "--version")).isEqualTo(new Result(0, "jclaw 0.1.0-SNAPSHOT\n", ""));
        awaitAssembly();
        assertThat(usesTheCache("--version")).as("made again").isTrue();

        // an empty file: dropped and made again
        Files.write(cache("cli"), new byte[0]);
        assertThat(jclaw(Map.of(), "--version")).isEqualTo(new Result(0, "jclaw 0.1.0-SNAPSHOT\n", ""));
        awaitAssembly();
        assertThat(Files.size(cache("cli"))).isPositive();

        // no cache directory to be had (a file where it would be): the command runs without
        deleteTree(home.resolve("cache"));
        Files.writeString(home.resolve("cache"), "not a directory");
        assertThat(jclaw(Map.of(), "--version")).isEqualTo(new Result(0, "jclaw 0.1.0-SNAPSHOT\n", ""));
    }

    @Test
    void serve_records_while_it_runs_stops_on_sigterm_to_the_launcher_and_starts_from_its_cache_next_time()
            throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = Map.of("JCLAW_SERVER_PORT", Integer.toString(port),
                "JDK_JAVA_OPTIONS", "-Xlog:class+load=info");
        for (int i = 0; i < 2; i++) {
            Path log = home.resolve("serve-" + i + ".log");
            ProcessBuilder builder = new ProcessBuilder(DIST.resolve("bin/jclaw").toString(), "serve")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).directory(home.toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("JCLAW_") || k.equals("JAVA_OPTS"));
            builder.environment().putAll(env);
            builder.environment().put("JCLAW_HOME", home.toString());
            Process server = builder.start();
            DistributionTest.await("ready", 90_000, () -> ready(port));
            List<ProcessHandle> jvms = server.descendants().toList();
            server.destroy(); // SIGTERM to the launcher's process, as a service manager sends it
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
            assertThat(server.exitValue()).isIn(0, 143);
            for (ProcessHandle jvm : jvms) {
                assertThat(jvm.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            }
            awaitAssembly();
            assertThat(Files.readString(log).contains("dev.jclaw.server.Main source: shared objects file"))
                    .as("run %d uses the cache", i).isEqualTo(i == 1);
        }
        assertThat(cache("serve")).exists();
    }

    private static boolean ready(int port) {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
