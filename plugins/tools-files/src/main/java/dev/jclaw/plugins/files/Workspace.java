package dev.jclaw.plugins.files;

import dev.jclaw.api.tool.ToolContext;
import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Confines paths the model supplies to the call's workspace directory.
 *
 * <p>The rules are the plugin API's, {@link ToolContext#resolve(String)}, so that the file tools and third-party
 * tools refuse exactly the same paths with the same messages and the security-critical checks live in one place.
 * This class only turns the API's refusal (an exception) into a {@link Resolution} the tools can switch over, and
 * shows paths in messages.
 *
 * <p>Someone who can swap a checked directory for a link between the check and the open can still win that race;
 * callers narrow it by opening the returned path with {@link LinkOption#NOFOLLOW_LINKS}.
 */
final class Workspace {

    private static final int MAX_SHOWN_CHARS = 200;

    private final ToolContext context;
    private final Path root;

    private Workspace(ToolContext context, Path root) {
        this.context = context;
        this.root = root;
    }

    /**
     * Opens the workspace of a call.
     *
     * @param context the call; its workspace directory must exist
     * @return the workspace, rooted at the directory's real path
     * @throws IOException when the directory cannot be resolved
     */
    static Workspace of(ToolContext context) throws IOException {
        return new Workspace(context, context.workspace().toRealPath());
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
     * Resolves a path the model supplied, with {@link ToolContext#resolve(String)}.
     *
     * @param userPath a path relative to the workspace
     * @return the real path inside the workspace, or the reason it was refused
     * @throws IOException when the file system cannot answer, e.g. a link loop or a permission error
     */
    Resolution resolve(String userPath) throws IOException {
        try {
            return new Resolution.Inside(context.resolve(userPath));
        } catch (IllegalArgumentException e) {
            // the API's documented way of refusing a path; its message is the sentence for the model
            return new Resolution.Refused(e.getMessage());
        }
    }

    /**
     * Tells whether a path found by a walk is a place the host keeps from tools, with
     * {@link ToolContext#isOffLimits(Path)}.
     *
     * @param path an absolute path inside the workspace, links not followed
     * @return whether to skip it
     */
    boolean isOffLimits(Path path) {
        return context.isOffLimits(path);
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
     * Quotes a path, pattern or name for a message: single quotes, control characters escaped, long text shortened.
     *
     * @param path the text as the model gave it
     * @return the quoted text
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
}
