package dev.jclaw.server;

import dev.jclaw.config.ConfigLoader;
import dev.jclaw.server.cli.Cli;
import dev.jclaw.testkit.TestPlugins;
import dev.jclaw.testkit.model.FakeModelServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JClaw home for terminal tests: the note tool in its plugins directory, a workspace, the fake model; {@code jclaw}
 * commands run in this JVM with their own standard streams, in-process or beside a server started on the home.
 */
final class TerminalHome implements AutoCloseable {
    final Path path;
    final Path plugins;
    final Path workspace;
    private final FakeModelServer model;
    private JClawServer server;

    /** What a command printed and returned. */
    record Ran(int code, String out, String err) {
    }

    TerminalHome(Path path, FakeModelServer model) throws IOException {
        this.path = Files.createDirectories(path).toRealPath();
        this.plugins = Files.createDirectories(this.path.resolve("plugins"));
        this.workspace = Files.createDirectories(this.path.resolve("ws"));
        this.model = model;
        TestPlugins.noteTool(plugins);
    }

    Map<String, String> env() {
        Map<String, String> env = new HashMap<>(TestServers.env(path, plugins));
        env.put("OPENAI_BASE_URL", model.baseUrl());
        env.put("JCLAW_MODEL", "fake-1");
        env.put("JCLAW_SANDBOX_ENABLED", "false");
        // the server runs without memory (JClawServer), so in-process does too: its tools and archives would differ
        env.put("JCLAW_MEMORY_ENABLED", "false");
        return env;
    }

    /** Starts a server on this home: from now on the commands talk to it. */
    TerminalHome serve() throws Exception {
        server = TestServers.start(TestServers.config(path, plugins, env())).server();
        return this;
    }

    /** @return the running server */
    JClawServer server() {
        return server;
    }

    /** Stops the server: from now on the commands run in-process again. */
    void stopServing() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /**
     * Runs a command in this home's workspace.
     *
     * @param input standard input
     * @param terminal whether a person types it (approvals are asked then)
     * @param args the command line, e.g. {@code run hello}
     * @return what it printed and returned
     */
    Ran jclaw(String input, boolean terminal, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        if (!line.isEmpty() && (line.getFirst().equals("run") || line.getFirst().equals("chat"))
                && !line.contains("--url")) {
            line.addAll(1, List.of("--workspace", workspace.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = env();
        Cli cli = new Cli(new BufferedReader(new StringReader(input)), new PrintStream(out, true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                (Optional<Path> explicit) -> ConfigLoader.builder().workingDir(path).environment(env).build(),
                terminal);
        int code = cli.run(line.toArray(String[]::new));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        stopServing();
    }
}
