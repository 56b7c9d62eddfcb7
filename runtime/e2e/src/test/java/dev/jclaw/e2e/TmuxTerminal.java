package dev.jclaw.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real terminal for end-to-end tests: one detached tmux session on a private server socket, with a fixed size,
 * running one program. A small {@code sh} around it stays on after Ctrl-C, as an interactive shell does, and prints
 * the program's exit status when it ends, then keeps the pane open. Close it to kill the server.
 */
final class TmuxTerminal implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String SESSION = "jclaw";
    private static final String EXIT = "[terminal test: exit status ";
    // dash, unlike an interactive shell, dies of the Ctrl-C meant for the program unless it traps it (the program
    // gets the default action back on exec). The status is echoed because tmux 3.3's #{pane_dead_status} with
    // remain-on-exit can stay empty for good when the terminal closes before tmux reaps the child.
    private static final String WRAPPER = "trap : INT; \"$@\"; echo \"" + EXIT + "$?]\"; exec sleep 600";

    private final String tmux;
    private final String socket = "jclaw-e2e-" + UUID.randomUUID();

    private TmuxTerminal(String tmux) {
        this.tmux = tmux;
    }

    /**
     * Finds tmux on the PATH; without it the calling test is skipped, or fails when CI requires the services
     * ({@code JCLAW_REQUIRE_SERVICES=true}).
     */
    static String requireTmux() {
        Optional<String> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "tmux"))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
        String missing = "tmux is not on the PATH; the terminal tests of jclaw chat need it (apt-get install tmux)";
        if (found.isEmpty() && "true".equals(System.getenv("JCLAW_REQUIRE_SERVICES"))) {
            fail(missing + ", and JCLAW_REQUIRE_SERVICES=true requires it");
        }
        Assumptions.assumeTrue(found.isPresent(), missing);
        return found.get();
    }

    /**
     * Starts a command in a new terminal.
     *
     * @param tmux the tmux binary
     * @param columns the width
     * @param rows the height
     * @param env variables for the command, passed with {@code env}
     * @param command the program and its arguments
     */
    static TmuxTerminal start(String tmux, int columns, int rows, Map<String, String> env, List<String> command)
            throws IOException, InterruptedException {
        TmuxTerminal terminal = new TmuxTerminal(tmux);
        List<String> args = new ArrayList<>(List.of("new-session", "-d", "-s", SESSION,
                "-x", Integer.toString(columns), "-y", Integer.toString(rows), "sh", "-c", WRAPPER, "sh", "env"));
        env.forEach((k, v) -> args.add(k + "=" + v));
        args.addAll(command);
        terminal.tmux(args.toArray(String[]::new));
        return terminal;
    }

    /** Types text literally, without pressing Enter. */
    void type(String text) throws IOException, InterruptedException {
        tmux("send-keys", "-t", SESSION, "-l", text);
    }

    /** Types a line and presses Enter. */
    void typeLine(String text) throws IOException, InterruptedException {
        type(text);
        press("Enter");
    }

    /** Presses a key in tmux's notation, e.g. {@code C-c}, {@code C-d}, {@code Enter}. */
    void press(String key) throws IOException, InterruptedException {
        tmux("send-keys", "-t", SESSION, key);
    }

    /** @return the whole screen with its scroll-back, wrapped lines joined, trailing blank lines dropped */
    String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION).stripTrailing();
    }

    /** @return the program's exit status once it has ended, empty while it runs */
    OptionalInt exitStatus() throws IOException, InterruptedException {
        return exitStatus(screen());
    }

    private static OptionalInt exitStatus(String screen) {
        return screen.lines().filter(l -> l.startsWith(EXIT) && l.endsWith("]"))
                .mapToInt(l -> Integer.parseInt(l.substring(EXIT.length(), l.length() - 1))).findFirst();
    }

    /**
     * Polls the screen until it shows what is expected.
     *
     * @param what what is awaited, for the failure message
     * @param condition tested on {@link #screen()}
     * @return the screen that met it
     * @throws AssertionError after {@link #DEADLINE}, with the last screen
     */
    String await(String what, Predicate<String> condition) throws IOException, InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > end) {
                fail("the terminal did not show " + what + " within " + DEADLINE.toSeconds() + " s; it shows:\n"
                        + screen);
            }
            Thread.sleep(25);
            screen = screen();
        }
        return screen;
    }

    /** Waits for the program to end. @return its exit status */
    int awaitExit() throws IOException, InterruptedException {
        return exitStatus(await("the program's exit status", s -> exitStatus(s).isPresent())).getAsInt();
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        Process process = launch(false, args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("tmux %s", args[0]).isTrue();
        assertThat(process.exitValue()).as("tmux %s: %s", String.join(" ", args), output).isZero();
        return output;
    }

    /**
     * Kills the tmux server and waits until the program, if it still ran, has ended, so that it cannot outlive the
     * test (or still write its class-data archive when the next test starts).
     */
    @Override
    public void close() throws IOException, InterruptedException {
        List<ProcessHandle> started = new ArrayList<>();
        Process pane = launch(true, "display-message", "-p", "-t", SESSION, "#{pane_pid} #{socket_path}");
        String[] found = new String(pane.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip()
                .split(" ", 2);
        boolean running = pane.waitFor() == 0 && found.length == 2 && found[0].matches("\\d+");
        if (running) {
            ProcessHandle.of(Long.parseLong(found[0])).ifPresent(p -> {
                started.add(p);
                p.descendants().forEach(started::add);
            });
        }
        launch(true, "kill-server").waitFor(10, TimeUnit.SECONDS);
        for (ProcessHandle process : started) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                process.destroyForcibly();
            }
        }
        if (running) {
            // the server leaves its socket behind
            Files.deleteIfExists(Path.of(found[1]));
        }
    }

    /** @param quiet whether to drop tmux's error output instead of reading it with the output */
    private Process launch(boolean quiet, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(tmux, "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (quiet) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        } else {
            builder.redirectErrorStream(true);
        }
        // a test run inside tmux must not talk to the developer's own server
        builder.environment().remove("TMUX");
        return builder.start();
    }
}
