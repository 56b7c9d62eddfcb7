package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** The {@code glob} tool: files of the workspace matching a pattern, newest first. */
final class GlobTool implements Tool {
    static final int DEFAULT_LIMIT = 200;

    private record Found(Path path, long modified) {
    }

    @Override
    public String name() {
        return "glob";
    }

    @Override
    public String description() {
        return "Finds files in the workspace whose path matches a glob pattern such as **/*.java or docs/*.md, "
                + "newest first, at most " + DEFAULT_LIMIT + ". Hidden directories such as .git are skipped.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type": "object", "properties": {
                  "pattern": {"type": "string", "description": "A glob, e.g. **/*.java; matched against paths relative to 'path'"},
                  "path": {"type": "string", "description": "The directory to search, relative to the workspace (default: the workspace)"}},
                 "required": ["pattern"], "additionalProperties": false}""";
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.READ;
    }

    @Override
    public ToolResult execute(ToolContext context) throws IOException, InterruptedException {
        String pattern;
        String path;
        try {
            Args.only(context.arguments(), "glob", Set.of("pattern", "path"));
            pattern = context.arguments().string("pattern");
            path = context.arguments().optString("path").orElse(".");
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        Workspace workspace = Workspace.of(context.workspace());
        Path base = switch (workspace.resolve(path)) {
            case Workspace.Resolution.Refused refused -> null;
            case Workspace.Resolution.Inside inside -> inside.path();
        };
        if (base == null || !Files.isDirectory(base)) {
            return ToolResult.failed(base == null ? ((Workspace.Resolution.Refused) workspace.resolve(path)).message()
                    : Workspace.quote(path) + " is not a directory of the workspace");
        }
        PathMatcher matcher;
        try {
            matcher = Globs.matcher(base, pattern);
        } catch (IllegalArgumentException e) {
            return ToolResult.failed("pattern " + Workspace.quote(pattern) + " is not a valid glob: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        List<Found> found = new ArrayList<>();
        boolean cut = TreeWalk.walk(base, matcher,
                (file, attrs) -> found.add(new Found(file, attrs.lastModifiedTime().toMillis())));
        if (found.isEmpty()) {
            return ToolResult.ok("no files match " + Workspace.quote(pattern) + (cut ? " (search stopped early)" : ""));
        }
        found.sort(Comparator.comparingLong(Found::modified).reversed().thenComparing(Found::path));
        StringBuilder out = new StringBuilder();
        found.stream().limit(DEFAULT_LIMIT).forEach(f -> out.append(workspace.display(f.path())).append('\n'));
        if (found.size() > DEFAULT_LIMIT) {
            out.append("… ").append(found.size() - DEFAULT_LIMIT).append(" more; narrow the pattern\n");
        }
        if (cut) {
            out.append("… the search stopped after ").append(TreeWalk.MAX_VISITS).append(" files\n");
        }
        return ToolResult.ok(out.toString().stripTrailing());
    }
}
