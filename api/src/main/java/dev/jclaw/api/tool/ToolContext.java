package dev.jclaw.api.tool;

import dev.jclaw.api.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One call of a tool.
 *
 * <p>The call runs on its own virtual thread; when the deadline passes or the turn is aborted the thread is
 * interrupted, so long-running tools should check {@link Thread#interrupted()} or use interruptible I/O.
 *
 * @param callId the model's id for the call
 * @param arguments the arguments, already parsed from the model's JSON text
 * @param workspace the directory the tool should keep to; it exists and is a real path. The host does not enforce it:
 *                  a tool that takes paths resolves each one with {@link #resolve(String)}
 * @param sessionKey the stable address of the conversation, e.g. {@code cli:alice}
 * @param deadline when the host stops waiting for the call
 * @param offLimits the places the host keeps from tools, absolute: its data directory, its configuration file and the
 *                  user's secret places such as {@code ~/.ssh} (the same list the bash sandbox hides). They are held
 *                  as real paths (links followed up to the deepest part that exists), and a place that is the
 *                  workspace or contains it is dropped, since the workspace is the tool's to use wherever it lies;
 *                  {@link #resolve(String)} refuses paths in the others (since 0.1, plugin API 1.2)
 * @since 0.1
 */
public record ToolContext(String callId, JsonObject arguments, Path workspace, String sessionKey, Instant deadline,
                          List<Path> offLimits) {
    /** Checks the fields and finds the real location of each off-limits place. */
    public ToolContext {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(deadline, "deadline");
        offLimits = OffLimits.real(List.copyOf(offLimits), workspace);
    }

    /**
     * Creates the context of a call without off-limits places ({@link #resolve(String)} still keeps paths inside the
     * workspace), e.g. in a tool's tests.
     *
     * @param callId the model's id for the call
     * @param arguments the arguments
     * @param workspace the directory the tool should keep to
     * @param sessionKey the stable address of the conversation
     * @param deadline when the host stops waiting for the call
     */
    public ToolContext(String callId, JsonObject arguments, Path workspace, String sessionKey, Instant deadline) {
        this(callId, arguments, workspace, sessionKey, deadline, List.of());
    }

    /**
     * Resolves a path the model gave, relative to the workspace, and refuses one that leads outside it. The host does
     * not confine a tool to its workspace (a tool runs with the server's permissions): a tool that takes paths should
     * pass each one through this method before it opens anything. The built-in file tools use this method too.
     *
     * <p>Refused, with one sentence the tool can hand back to the model: an empty path, one with a NUL character or
     * longer than 4096 characters, an absolute path, a path that climbs out with {@code ..}, and a path that passes
     * through a symbolic link (any part, the last one included) whose target lies outside the workspace, or whose
     * target does not exist, and a path whose real location is one of the {@linkplain #offLimits() off-limits places}
     * or lies inside one (a link inside the workspace that leads there included). Links that stay inside the
     * workspace are fine. An accepted path comes back absolute and
     * free of links up to its last existing part, with the parts that do not exist yet appended as given, so that the
     * tool opens exactly what was checked. Someone who can replace a checked directory by a link between this check
     * and the open can still win that race; opening with {@link java.nio.file.LinkOption#NOFOLLOW_LINKS} narrows it.
     *
     * <pre>{@code
     * Path file;
     * try {
     *     file = context.resolve(context.arguments().string("path"));
     * } catch (IllegalArgumentException e) {
     *     return ToolResult.failed(e.getMessage()); // "path '../notes' leaves the workspace; use a path ..."
     * }
     * return ToolResult.ok(Files.readString(file));
     * }</pre>
     *
     * @param path a path relative to the workspace, as the model gave it
     * @return the path inside the workspace
     * @throws IllegalArgumentException when the path is refused; the message says why and what to send instead
     * @throws IOException when the file system cannot answer, e.g. a loop of links or a permission error
     * @since 0.1 (plugin API 1.2)
     */
    public Path resolve(String path) throws IOException {
        Objects.requireNonNull(path, "path");
        return WorkspacePaths.resolve(workspace, path, offLimits);
    }

    /**
     * Tells whether a path is one of the {@linkplain #offLimits() off-limits places} or lies inside one, so that a
     * tool that walks a tree can skip it. The path is compared as given, made absolute and normalized, links not
     * followed: pass a real path, such as {@link #resolve(String)} returns, or one found by a walk from such a path
     * that does not follow links.
     *
     * @param path an absolute path
     * @return whether tools must keep out of it
     * @since 0.1 (plugin API 1.2)
     */
    public boolean isOffLimits(Path path) {
        Objects.requireNonNull(path, "path");
        return OffLimits.contains(offLimits, path);
    }
}
