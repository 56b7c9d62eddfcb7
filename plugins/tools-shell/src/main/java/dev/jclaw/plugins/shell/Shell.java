package dev.jclaw.plugins.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The programs a command runs under: bash, and {@code setsid} when it works, which puts each command in a new
 * session and process group of its own so that the whole tree can be signalled at once and nothing can open the
 * server's terminal.
 *
 * @param bash the bash executable
 * @param setsid {@code setsid} when it is present and supports {@code --wait}; without it only the command's
 *     descendants can be killed, not processes that left its tree
 */
record Shell(Path bash, Optional<Path> setsid) {

    private static final List<String> BASH_PLACES = List.of("/bin/bash", "/usr/bin/bash", "/usr/local/bin/bash");
    private static final List<String> SETSID_PLACES = List.of("/usr/bin/setsid", "/bin/setsid");

    /** Checks the fields. */
    Shell {
        Objects.requireNonNull(bash, "bash");
        Objects.requireNonNull(setsid, "setsid");
    }

    /**
     * Finds bash and setsid in the usual places, then on the {@code PATH}.
     *
     * @param environment the host's environment, for its {@code PATH}
     * @return the shell
     * @throws IllegalStateException when there is no bash, saying where it was looked for
     */
    static Shell locate(Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", "");
        Path bash = find(BASH_PLACES, "bash", path).orElseThrow(() -> new IllegalStateException(
                "the bash tool needs bash, but there is none at " + String.join(", ", BASH_PLACES)
                        + " or on the PATH; install bash, or remove the tools-shell plugin"));
        Optional<Path> setsid = find(SETSID_PLACES, "setsid", path).filter(Shell::waits);
        return new Shell(bash, setsid);
    }

    /**
     * Returns the command line that runs a command.
     *
     * @param command the bash command text
     * @return {@code setsid --wait bash -c command}, or {@code bash -c command} without setsid
     */
    List<String> commandLine(String command) {
        List<String> line = new ArrayList<>();
        // --wait: should setsid ever fork (it does when it leads a process group), it still reports the exit code
        setsid.ifPresent(s -> line.addAll(List.of(s.toString(), "--wait")));
        line.addAll(List.of(bash.toString(), "-c", command));
        return line;
    }

    /**
     * Returns the command line that runs a command without setsid, for a sandbox that isolates it by itself.
     *
     * @param command the bash command text
     * @return {@code bash -c command}
     */
    List<String> bashLine(String command) {
        return List.of(bash.toString(), "-c", command);
    }

    /** Whether commands get a process group of their own, so that {@link ProcessTree} can signal the group. */
    boolean ownProcessGroup() {
        return setsid.isPresent();
    }

    private static Optional<Path> find(List<String> places, String name, String searchPath) {
        List<String> candidates = new ArrayList<>(places);
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(dir + File.separator + name);
            }
        }
        for (String candidate : candidates) {
            try {
                Path file = Path.of(candidate);
                if (file.isAbsolute() && Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return Optional.of(file);
                }
            } catch (InvalidPathException e) {
                // a malformed PATH entry; try the next
            }
        }
        return Optional.empty();
    }

    /** A setsid without {@code --wait} (busybox, old util-linux) is not used: see {@link #commandLine}. */
    private static boolean waits(Path setsid) {
        try {
            Process probe = new ProcessBuilder(setsid.toString(), "--wait", "true")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!probe.waitFor(5, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
