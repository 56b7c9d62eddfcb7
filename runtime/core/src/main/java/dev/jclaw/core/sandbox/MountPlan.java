package dev.jclaw.core.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bubblewrap options of one command: the system read-only, fresh {@code /dev}, {@code /proc} and {@code /tmp},
 * own PID, IPC and (without network) network namespaces, the hidden paths covered (an empty tmpfs over a directory,
 * {@code /dev/null} over a file, which the sandbox mounts without devices, so that opening it is refused) and the
 * workspace and the writable directories bound read-write.
 *
 * <p>Mounts are made parent first, whichever kind they are: a workspace inside a hidden directory (the default
 * workspace lies in the data directory) is bound after the hide and so shows through it, and a secret inside the
 * workspace is hidden after the bind. Paths that do not exist are skipped; symbolic links are followed, so that
 * what is hidden is the file itself.
 */
final class MountPlan {

    /** What every sandbox starts with, before the paths of the command. */
    static final List<String> BASE = List.of("--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
            "--tmpfs", "/tmp", "--unshare-pid", "--unshare-ipc", "--die-with-parent", "--new-session");

    private sealed interface Mount {
        Path path();

        /** Hides before binds at the same path, so that a workspace is never hidden by itself. */
        int order();

        List<String> options();
    }

    private record Hide(Path path, boolean directory) implements Mount {
        public int order() {
            return 0;
        }

        public List<String> options() {
            return directory ? List.of("--tmpfs", path.toString())
                    : List.of("--ro-bind", "/dev/null", path.toString());
        }
    }

    private record Bind(Path path) implements Mount {
        public int order() {
            return 1;
        }

        public List<String> options() {
            return List.of("--bind", path.toString(), path.toString());
        }
    }

    private MountPlan() {
    }

    /**
     * Returns the options before the command.
     *
     * @param hidden paths to hide
     * @param writable directories to bind read-write besides the workspace
     * @param workspace the working directory, bound read-write
     * @param network whether the command keeps the host's network
     * @return bubblewrap's options, up to and including {@code --chdir}
     */
    static List<String> options(List<Path> hidden, List<Path> writable, Path workspace, boolean network) {
        Map<Path, Mount> mounts = new LinkedHashMap<>();
        for (Path path : hidden) {
            // hiding / would hide everything, the command included
            real(path).filter(p -> p.getNameCount() > 0)
                    .ifPresent(p -> mounts.putIfAbsent(p, new Hide(p, Files.isDirectory(p))));
        }
        List<Mount> plan = new ArrayList<>(mounts.values());
        for (Path path : writable) {
            real(path).filter(Files::isDirectory).ifPresent(p -> plan.add(new Bind(p)));
        }
        Path work = real(workspace).orElse(workspace);
        plan.add(new Bind(work));
        plan.sort(Comparator.comparingInt((Mount m) -> m.path().getNameCount()).thenComparingInt(Mount::order));
        List<String> options = new ArrayList<>(BASE);
        if (!network) {
            options.add("--unshare-net");
        }
        plan.forEach(m -> options.addAll(m.options()));
        options.addAll(List.of("--chdir", work.toString()));
        return options;
    }

    private static Optional<Path> real(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // absent or unreachable: nothing to hide or bind
        }
    }
}
