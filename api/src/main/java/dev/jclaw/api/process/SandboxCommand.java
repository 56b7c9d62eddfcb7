package dev.jclaw.api.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A command to confine: what to run, where, and whether it would like the network.
 *
 * @param argv the program and its arguments, as for {@link ProcessBuilder}; not empty
 * @param workingDirectory an absolute directory; the one place the command may write
 * @param network whether the command wants the network; it gets it only when the host's configuration allows it
 * @since 1.2
 */
public record SandboxCommand(List<String> argv, Path workingDirectory, boolean network) {
    /** Checks and copies the fields. */
    public SandboxCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv must name a program");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("the working directory must be absolute, got " + workingDirectory);
        }
    }
}
