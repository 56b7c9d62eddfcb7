package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The {@code glob} tool: the files of the workspace whose path, relative to the directory searched, matches a glob;
 * newest first. Symbolic links and hidden directories are skipped, so the walk never leaves the workspace.
 * Stateless and thread-safe.
 */
final class GlobTool implements Tool {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 1000;
    static final int TIME_LIMIT_SECONDS = 30;

    private static final Set<String> ARGUMENTS = Set.of("pattern", "path", "limit");

    private record Found(String shown, long modified) {
    }

    @Override
    public String name() {
        return "glob";
    }

    @Override
    public String description() {
        return "Finds files in the workspace whose path matches a glob such as **/*.java (any depth), *.md (top "
                + "level only) or src/**/Test*.java, newest first, at most 'limit' (default " + DEFAULT_LIMIT
                + "). Hidden directories such as .git and symbolic links are skipped.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type": "object", "properties": {
                  "pattern": {"type": "string", "description": "A glob, e.g. **/*.java; matched against paths relative to 'path'"},
                  "path": {"type": "string", "description": "The directory to search, relative to the workspace (default: the workspace)"},
                  "limit": {"type": "integer", "minimum": 1, "maximum": %d, "default": %d, "description": "The most files to list"}},
                 "required": ["pattern"], "additionalProperties": false}""".formatted(MAX_LIMIT, DEFAULT_LIMIT);
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.READ;
    }

    /**
     * The checked arguments.
     *
     * @param pattern the glob, without problems
     * @param path the directory, as given
     * @param limit the most files to list
     */
    record Request(String pattern, String path, int limit) {

        /** Reads the arguments; a {@link JsonException} says in one sentence what is wrong. */
        static Request from(JsonObject a) {
            Args.only(a, "glob", ARGUMENTS);
            String pattern = a.string("pattern");
            String path = a.optString("path").orElse(".");
            long limit = a.optLong("limit").orElse((long) DEFAULT_LIMIT);
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new JsonException("'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit);
            }
            Globs.problem("pattern", pattern).ifPresent(problem -> {
                throw new JsonException(problem);
            });
            return new Request(pattern, path, (int) limit);
        }
    }

    @Override
    public ToolResult execute(ToolContext context) throws IOException, InterruptedException {
        Request request;
        try {
            request = Request.from(context.arguments());
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        Workspace workspace = Workspace.of(context);
        return switch (workspace.resolve(request.path())) {
            case Workspace.Resolution.Refused refused -> ToolResult.failed(refused.message());
            case Workspace.Resolution.Inside inside -> glob(workspace, inside.path(), request, context);
        };
    }

    private static ToolResult glob(Workspace workspace, Path base, Request request, ToolContext context)
            throws IOException, InterruptedException {
        String shownPath = Workspace.quote(request.path());
        if (!Files.exists(base)) {
            return ToolResult.failed(NotFound.message(workspace, base, shownPath));
        }
        if (!Files.isDirectory(base)) {
            return ToolResult.failed(shownPath + " is a file, not a directory; give the directory to search as "
                    + "'path'");
        }
        PathMatcher matcher;
        try {
            matcher = Globs.matcher(base.getFileSystem(), request.pattern());
        } catch (IllegalArgumentException e) {
            return ToolResult.failed("pattern " + Workspace.quote(request.pattern()) + " is not a valid glob: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        Path start = start(base, request.pattern());
        List<Found> found = new ArrayList<>();
        TreeWalk.End end = TreeWalk.End.COMPLETE;
        if (start != null) {
            TimeLimit limit = TimeLimit.startingNow(Duration.ofSeconds(TIME_LIMIT_SECONDS), context.deadline());
            end = TreeWalk.walk(base, start, matcher::matches, workspace::isOffLimits, limit,
                    (file, relative, attributes) -> found.add(new Found(workspace.display(file),
                            attributes.lastModifiedTime().toMillis())));
        }
        found.sort(Comparator.comparingLong(Found::modified).reversed().thenComparing(Found::shown));
        StringBuilder out = new StringBuilder();
        if (found.isEmpty()) {
            out.append("no files match ").append(Workspace.quote(request.pattern()));
            if (!request.path().equals(".")) {
                out.append(" in ").append(shownPath);
            }
            out.append('\n');
        }
        found.stream().limit(request.limit()).forEach(f -> out.append(f.shown()).append('\n'));
        if (found.size() > request.limit()) {
            out.append("… ").append(found.size() - request.limit())
                    .append(" more; narrow the pattern or the path, or raise limit\n");
        }
        switch (end) {
            case COMPLETE -> { }
            case TOO_MANY_FILES -> out.append("… the search stopped after ").append(TreeWalk.MAX_FILES)
                    .append(" files and is incomplete; narrow the path\n");
            case OUT_OF_TIME -> out.append("… the search ran out of time and is incomplete; narrow the path\n");
        }
        return ToolResult.ok(out.toString().stripTrailing());
    }

    /**
     * Where to walk from: the literal directories the pattern starts with, if they exist and pass through no
     * symbolic link (the walk would not follow one either); {@code null} when nothing can match.
     */
    private static Path start(Path base, String pattern) throws IOException {
        String prefix = Globs.literalPrefix(pattern);
        if (prefix.isEmpty()) {
            return base;
        }
        Path start = base.resolve(prefix).normalize();
        if (!start.startsWith(base) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return start.toRealPath().equals(start) ? start : null;
    }
}
