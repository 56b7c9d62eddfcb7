package dev.jclaw.plugins.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Confines paths the model supplies to one workspace directory.
 *
 * <p>A path is refused when it contains a NUL character, is empty or over-long, is absolute, climbs out with
 * {@code ..}, or passes through a symbolic link (any component, the last one included) whose real path lies outside
 * the workspace. A path that is accepted comes back as a real path inside the workspace, with any part that does not
 * exist yet appended as given, so that callers open exactly what was checked. Symbolic links that stay inside the
 * workspace are fine.
 *
 * <p>Someone who can swap a checked directory for a link between the check and the open can still win that race;
 * callers narrow it by opening the returned path with {@link LinkOption#NOFOLLOW_LINKS}.
 */
final class Workspace {

    /** Longer paths are refused; Linux refuses them too ({@code PATH_MAX}). */
    static final int MAX_PATH_LENGTH = 4096;

    private static final int MAX_SHOWN_CHARS = 200;

    private final Path root;

    private Workspace(Path root) {
        this.root = root;
    }

    /**
     * Opens a workspace.
     *
     * @param directory the workspace directory; it must exist
     * @return the workspace, rooted at the directory's real path
     * @throws IOException when the directory cannot be resolved
     */
    static Workspace of(Path directory) throws IOException {
        return new Workspace(directory.toRealPath());
    }

    /** The outcome of {@link #resolve}: a checked path inside the workspace, or why the path was refused. */
    sealed interface Resolution {

        /** The path lies inside the workspace; {@code path} is absolute and free of links up to its last existing part. */
        record Inside(Path path) implements Resolution {
            public Inside {
                Objects.requireNonNull(path, "path");
            }
        }

        /** The path was refused; {@code message} is one sentence telling the model what to do instead. */
        record Refused(String message) implements Resolution {
            public Refused {
                Objects.requireNonNull(message, "message");
            }
        }
    }

    /**
     * Resolves a path the model supplied.
     *
     * @param userPath a path relative to the workspace
     * @return the real path inside the workspace, or the reason it was refused
     * @throws IOException when the file system cannot answer, e.g. a link loop or a permission error
     */
    Resolution resolve(String userPath) throws IOException {
        String shown = quote(userPath);
        if (userPath.indexOf('\0') >= 0) {
            return refused("path " + shown + " contains a NUL character; use a plain path relative to the workspace");
        }
        if (userPath.isBlank()) {
            return refused("path is empty; use a path relative to the workspace, e.g. 'README.md'");
        }
        if (userPath.length() > MAX_PATH_LENGTH) {
            return refused("path is " + userPath.length() + " characters long, more than the limit of "
                    + MAX_PATH_LENGTH + "; use a shorter path relative to the workspace");
        }
        Path relative;
        try {
            relative = root.getFileSystem().getPath(userPath);
        } catch (InvalidPathException e) {
            return refused("path " + shown + " is not a valid path (" + e.getReason()
                    + "); use a path relative to the workspace");
        }
        if (relative.isAbsolute() || relative.getRoot() != null) {
            return refused("path " + shown + " is absolute; use a path relative to the workspace");
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root)) {
            return refused("path " + shown + " leaves the workspace; use a path relative to the workspace");
        }
        return confineLinks(candidate, shown);
    }

    /** Follows every link on the way to the deepest part of the path that exists and checks where it ends up. */
    private Resolution confineLinks(Path candidate, String shown) throws IOException {
        Path existing = candidate;
        // NOFOLLOW_LINKS: a dangling link still counts as existing, so it is caught below instead of skipped
        while (!existing.equals(root) && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            return refused("path " + shown + " goes through the broken symbolic link " + quote(display(existing))
                    + "; its target does not exist");
        }
        if (!real.startsWith(root)) {
            return refused("path " + shown + " leads outside the workspace through a symbolic link; "
                    + "only files inside the workspace can be used");
        }
        return new Resolution.Inside(real.resolve(existing.relativize(candidate)));
    }

    /**
     * Shows a path inside the workspace relative to it, with {@code /} separators, for messages.
     *
     * @param path an absolute path inside the workspace
     * @return the relative path, or {@code .} for the workspace itself
     */
    String display(Path path) {
        Path relative = root.relativize(path);
        String text = relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
        return text.isEmpty() ? "." : text;
    }

    /**
     * Quotes a path for a message: single quotes, control characters escaped, long paths shortened.
     *
     * @param path the path as the model gave it
     * @return the quoted path
     */
    static String quote(String path) {
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

    private static Resolution refused(String message) {
        return new Resolution.Refused(message);
    }
}
