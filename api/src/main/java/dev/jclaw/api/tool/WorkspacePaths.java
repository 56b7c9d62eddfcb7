package dev.jclaw.api.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The rules of {@link ToolContext#resolve}; the built-in file tools resolve their paths through it too. */
final class WorkspacePaths {
    /** Longer paths are refused; Linux refuses them too ({@code PATH_MAX}). */
    static final int MAX_PATH_LENGTH = 4096;
    private static final int MAX_SHOWN_CHARS = 200;

    private WorkspacePaths() {
    }

    static Path resolve(Path workspace, String userPath, List<Path> offLimits) throws IOException {
        Path root = workspace.toRealPath();
        String shown = quote(userPath);
        if (userPath.indexOf('\0') >= 0) {
            throw refused("path " + shown + " contains a NUL character; use a plain path relative to the workspace");
        }
        if (userPath.isBlank()) {
            throw refused("path is empty; use a path relative to the workspace, e.g. 'README.md'");
        }
        if (userPath.length() > MAX_PATH_LENGTH) {
            throw refused("path is " + userPath.length() + " characters long, more than the limit of "
                    + MAX_PATH_LENGTH + "; use a shorter path relative to the workspace");
        }
        Path relative;
        try {
            relative = root.getFileSystem().getPath(userPath);
        } catch (InvalidPathException e) {
            throw refused("path " + shown + " is not a valid path (" + e.getReason()
                    + "); use a path relative to the workspace");
        }
        if (relative.isAbsolute() || relative.getRoot() != null) {
            throw refused("path " + shown + " is absolute; use a path relative to the workspace");
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            throw refused("path " + shown + " leaves the workspace; use a path relative to the workspace");
        }
        // follow every link on the way to the deepest part that exists, and check where it ends up
        Path existing = candidate;
        // NOFOLLOW_LINKS: a dangling link still counts as existing, so it is caught below instead of skipped
        while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw refused("path " + shown + " goes through the broken symbolic link "
                    + quote(root.relativize(existing).toString()) + "; its target does not exist");
        }
        if (!real.startsWith(root)) {
            throw refused("path " + shown + " leads outside the workspace through a symbolic link; "
                    + "only files inside the workspace can be used");
        }
        Path resolved = real.resolve(existing.relativize(candidate));
        if (OffLimits.contains(offLimits, resolved)) {
            throw refused("path " + shown + " is in a place JClaw keeps from tools (its data directory, its "
                    + "configuration or a secret file such as ~/.ssh); work with other files");
        }
        return resolved;
    }

    /** Quotes a path for a message: single quotes, control characters escaped, long paths shortened. */
    private static String quote(String path) {
        StringBuilder out = new StringBuilder("'");
        int end = Math.min(path.length(), MAX_SHOWN_CHARS);
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(path.length() > end ? "…'" : "'").toString();
    }

    private static IllegalArgumentException refused(String message) {
        return new IllegalArgumentException(message);
    }
}
