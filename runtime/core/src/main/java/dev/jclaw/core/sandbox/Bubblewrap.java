package dev.jclaw.core.sandbox;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds {@code bwrap} and finds out whether it works here: it can be installed and still be refused by the kernel
 * (no unprivileged user namespaces, a container's seccomp profile), so a real sandbox is started once.
 */
final class Bubblewrap {

    private static final List<String> PLACES = List.of("/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap");
    private static final long PROBE_SECONDS = 10;

    private Bubblewrap() {
    }

    /**
     * Looks in the usual places, then on the {@code PATH}.
     *
     * @param searchPath the {@code PATH}
     * @return the executable, when there is one
     */
    static Optional<Path> locate(String searchPath) {
        List<String> candidates = new ArrayList<>(PLACES);
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(dir + File.separator + "bwrap");
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

    /**
     * Starts {@code true} in a sandbox set up as the commands' will be.
     *
     * @param argv the sandbox's command line, ending with {@code true}
     * @return empty when it worked, else why not, in words
     */
    static Optional<String> probe(List<String> argv) {
        try {
            Process probe = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectErrorStream(false)
                    .start();
            byte[] error = probe.getErrorStream().readNBytes(2_000);
            if (!probe.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return Optional.of(argv.getFirst() + " did not start a sandbox within " + PROBE_SECONDS + " s");
            }
            if (probe.exitValue() == 0) {
                return Optional.empty();
            }
            String said = new String(error, StandardCharsets.UTF_8).strip().lines().findFirst().orElse("");
            return Optional.of(argv.getFirst() + " cannot create a sandbox here"
                    + (said.isEmpty() ? " (exit code " + probe.exitValue() + ")" : ": " + said));
        } catch (IOException e) {
            return Optional.of("cannot run " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("the check of " + argv.getFirst() + " was interrupted");
        }
    }

    /**
     * Asks bwrap for its version.
     *
     * @param bwrap the executable
     * @return e.g. {@code bubblewrap 0.8.0}, or just {@code bubblewrap} when it does not say
     */
    static String version(Path bwrap) {
        try {
            Process process = new ProcessBuilder(bwrap.toString(), "--version")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(process.getInputStream().readNBytes(200), StandardCharsets.UTF_8).strip();
            process.waitFor(PROBE_SECONDS, TimeUnit.SECONDS);
            return out.startsWith("bubblewrap") && !out.contains("\n") ? out : "bubblewrap";
        } catch (IOException e) {
            return "bubblewrap";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "bubblewrap";
        }
    }
}
