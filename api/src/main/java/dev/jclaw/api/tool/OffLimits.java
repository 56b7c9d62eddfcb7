package dev.jclaw.api.tool;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The places the host keeps from tools, as {@link ToolContext} holds and checks them. */
final class OffLimits {

    private OffLimits() {
    }

    /**
     * Returns the real location of each place, without those that are the workspace or contain it: the workspace
     * is the tool's to use even when it lies in such a place (the default workspace lies in the data directory),
     * as the bash sandbox shows it through the hidden place too.
     *
     * @param places absolute paths
     * @param workspace the call's workspace
     * @return the real paths, each once
     */
    static List<Path> real(List<Path> places, Path workspace) {
        if (places.isEmpty()) {
            return List.of();
        }
        Path root = nearestReal(workspace);
        List<Path> real = new ArrayList<>();
        for (Path place : places) {
            Path located = nearestReal(place);
            // a place of no name parts would be the root directory itself, which contains every workspace
            if (!root.startsWith(located) && !real.contains(located)) {
                real.add(located);
            }
        }
        return List.copyOf(real);
    }

    /**
     * Tells whether a path is one of the places or lies inside one.
     *
     * @param places real paths, from {@link #real}
     * @param path an absolute path
     * @return whether the path is off limits
     */
    static boolean contains(List<Path> places, Path path) {
        if (places.isEmpty()) {
            return false;
        }
        Path normal = path.toAbsolutePath().normalize();
        for (Path place : places) {
            if (normal.startsWith(place)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Follows the links of a path up to its deepest existing part and appends the rest as given, so that a place
     * that does not exist yet is still compared where it would be created.
     */
    private static Path nearestReal(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null) {
            if (exists(existing)) {
                try {
                    return existing.toRealPath().resolve(existing.relativize(absolute));
                } catch (IOException | SecurityException e) {
                    // a broken link or an unreadable parent: compare the path as given
                    return absolute;
                }
            }
            existing = existing.getParent();
        }
        return absolute;
    }

    /**
     * Whether something is there. {@link Files#exists} answers a missing file with an exception inside (two per
     * missing part, several parts per place, every tool call); on the default file system {@link java.io.File}
     * asks the same {@code stat} without one. A dangling link counts as missing there, so its parent is resolved.
     */
    private static boolean exists(Path path) {
        return path.getFileSystem() == FileSystems.getDefault() ? path.toFile().exists()
                : Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
