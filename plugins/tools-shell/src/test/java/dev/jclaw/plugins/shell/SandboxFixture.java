package dev.jclaw.plugins.shell;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.core.sandbox.SandboxSettings;
import dev.jclaw.core.sandbox.HostSandbox;
import dev.jclaw.core.sandbox.SandboxPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A JClaw home, a user's home with secrets and a workspace in a temporary directory, and the host's real sandbox
 * over them. Tests that need bubblewrap skip, saying why, when it is missing or refused here, and fail instead
 * when {@code JCLAW_REQUIRE_SERVICES=true} (CI sets it and installs bubblewrap).
 */
final class SandboxFixture {

    static final String SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY----- fake";
    static final String RUNTIME_TOKEN = "local-cli-token-5e1b";

    final Path root;
    final Path jclawHome;
    final Path dataDir;
    final Path configFile;
    final Path userHome;
    final Path workspace;

    SandboxFixture(Path root) throws IOException {
        this.root = root.toRealPath();
        this.jclawHome = Files.createDirectories(this.root.resolve("jclaw"));
        this.dataDir = Files.createDirectories(jclawHome.resolve("data"));
        Files.createDirectories(dataDir.resolve("run"));
        Files.writeString(dataDir.resolve("run/server.json"), "{\"token\": \"" + RUNTIME_TOKEN + "\"}");
        this.configFile = Files.writeString(this.root.resolve("jclaw.json"), "{\"admin\": {\"token\": \"cfg\"}}");
        this.userHome = Files.createDirectories(this.root.resolve("home"));
        Files.createDirectories(userHome.resolve(".ssh"));
        Files.writeString(userHome.resolve(".ssh/id_ed25519"), SSH_KEY);
        Files.writeString(userHome.resolve(".netrc"), "machine example.com password hunter2");
        this.workspace = Files.createDirectories(this.root.resolve("work"));
    }

    HostSandbox sandbox(boolean network) {
        return sandbox(new SandboxSettings(true, false, network, List.of(), List.of()), HostSandbox.findBwrap(System.getenv()));
    }

    HostSandbox sandbox(SandboxSettings config, Optional<Path> bwrap) {
        return HostSandbox.create(config, new SandboxPaths(List.of(jclawHome, dataDir, configFile),
                List.of(userHome), config.hide(), config.writable()), bwrap);
    }

    /** The active sandbox, or the test is skipped (failed when services are required). */
    HostSandbox active() {
        HostSandbox sandbox = sandbox(false);
        String why = "bash's sandbox tests need a working bubblewrap: " + sandbox.status().describe();
        if (!sandbox.status().confines() && "true".equals(System.getenv("JCLAW_REQUIRE_SERVICES"))) {
            throw new AssertionError(why + ", and JCLAW_REQUIRE_SERVICES=true requires it");
        }
        assumeTrue(sandbox.status().confines(), why);
        return sandbox;
    }

    static BashTool bash(ProcessSandbox sandbox, String configJson) {
        return new BashTool(ShellConfig.from(Json.parseObject(configJson)), Shell.locate(System.getenv()),
                System.getenv(), sandbox);
    }

    /** Whether a process whose command line contains the marker runs anywhere on the machine. */
    static boolean anyRunning(String marker) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .anyMatch(p -> ToolCalls.running(p.pid()));
    }
}
