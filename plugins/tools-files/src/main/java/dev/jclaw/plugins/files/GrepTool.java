package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code grep} tool: the lines of the workspace's text files that match a Java regular expression, as
 * {@code path:line: text}, in path order.
 *
 * <p>Binary files (a NUL byte in the first 8 KiB), files over 20 MiB, hidden directories and symbolic links are
 * skipped. The regular expression runs under a {@link BoundedMatcher}, so a pattern that backtracks catastrophically
 * stops the search with a message instead of hanging the call; the whole search stops after
 * {@value #TIME_LIMIT_SECONDS} s. Stateless and thread-safe.
 */
final class GrepTool implements Tool {
    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 1000;
    static final int LINE_CHARS = 300;
    static final int TIME_LIMIT_SECONDS = 30;

    private static final Set<String> ARGUMENTS = Set.of("pattern", "path", "glob", "case_insensitive", "max_results");

    @Override
    public String name() {
        return "grep";
    }

    @Override
    public String description() {
        return "Searches the text files of the workspace for lines matching a Java regular expression; prints "
                + "path:line: text, lines cut at about " + LINE_CHARS + " characters. Optional: path (a directory "
                + "or file), glob (e.g. *.java for file names at any depth, src/**/*.java for paths), "
                + "case_insensitive, max_results (default " + DEFAULT_MAX + ", at most " + MAX_MAX + "). Skips "
                + "binary files and hidden directories such as .git.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type": "object", "properties": {
                  "pattern": {"type": "string", "description": "A Java regular expression, matched within each line"},
                  "path": {"type": "string", "description": "Directory or file to search, relative to the workspace (default: the workspace)"},
                  "glob": {"type": "string", "description": "Only files matching this glob: *.java matches file names at any depth, a glob with / matches paths below 'path'"},
                  "case_insensitive": {"type": "boolean", "default": false},
                  "max_results": {"type": "integer", "minimum": 1, "maximum": %d, "default": %d}},
                 "required": ["pattern"], "additionalProperties": false}""".formatted(MAX_MAX, DEFAULT_MAX);
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.READ;
    }

    /**
     * The checked arguments.
     *
     * @param pattern the compiled regular expression
     * @param path the directory or file, as given
     * @param glob the file filter, empty for none
     * @param maxResults the most results to show
     */
    record Request(Pattern pattern, String path, String glob, int maxResults) {

        /** Reads the arguments; a {@link JsonException} says in one sentence what is wrong. */
        static Request from(JsonObject a) {
            Args.only(a, "grep", ARGUMENTS);
            String regex = a.string("pattern");
            String path = a.optString("path").orElse(".");
            String glob = a.optString("glob").orElse("");
            long max = a.optLong("max_results").orElse((long) DEFAULT_MAX);
            if (max < 1 || max > MAX_MAX) {
                throw new JsonException("'max_results' must be between 1 and " + MAX_MAX + ", got " + max);
            }
            if (regex.isEmpty()) {
                throw new JsonException("'pattern' is empty; give a regular expression such as TODO|FIXME");
            }
            if (!glob.isEmpty()) {
                Globs.problem("glob", glob).ifPresent(problem -> {
                    throw new JsonException(problem);
                });
            }
            int flags = a.optBoolean("case_insensitive").orElse(false)
                    ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
            try {
                return new Request(Pattern.compile(regex, flags), path, glob, (int) max);
            } catch (PatternSyntaxException e) {
                throw new JsonException("pattern " + Workspace.quote(regex) + " is not a valid regular expression: "
                        + e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : "")
                        + "; escape special characters such as ( [ { . * + ? with a backslash to match them literally");
            }
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
            case Workspace.Resolution.Inside inside -> search(workspace, inside.path(), request, context);
        };
    }

    private static ToolResult search(Workspace workspace, Path base, Request request, ToolContext context)
            throws IOException, InterruptedException {
        if (!Files.exists(base)) {
            return ToolResult.failed(NotFound.message(workspace, base, Workspace.quote(request.path())));
        }
        Optional<Predicate<Path>> filter;
        try {
            filter = filter(base, request.glob());
        } catch (IllegalArgumentException e) {
            return ToolResult.failed("glob " + Workspace.quote(request.glob()) + " is not a valid glob: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        TimeLimit limit = TimeLimit.startingNow(Duration.ofSeconds(TIME_LIMIT_SECONDS), context.deadline());
        GrepSearch search = new GrepSearch(workspace, new BoundedMatcher(request.pattern(), limit), limit,
                request.maxResults());
        search.run(base, filter.orElse(path -> true));
        return report(request, search);
    }

    /** A glob without {@code /} matches file names at any depth, as in ripgrep; one with {@code /}, whole paths. */
    private static Optional<Predicate<Path>> filter(Path base, String glob) {
        if (glob.isEmpty()) {
            return Optional.empty();
        }
        PathMatcher matcher = Globs.matcher(base.getFileSystem(), glob);
        return Optional.of(glob.contains("/") ? matcher::matches : path -> matcher.matches(path.getFileName()));
    }

    private static ToolResult report(Request request, GrepSearch search) {
        StringBuilder out = new StringBuilder();
        search.hits().forEach(hit -> out.append(hit).append('\n'));
        if (search.hits().isEmpty()) {
            out.append("no matches for ").append(Workspace.quote(request.pattern().pattern()));
            if (!request.path().equals(".")) {
                out.append(" in ").append(Workspace.quote(request.path()));
            }
            if (!request.glob().isEmpty()) {
                out.append(" among files matching ").append(Workspace.quote(request.glob()));
            }
            out.append('\n');
        }
        for (GrepSearch.Stop stop : search.stops()) {
            switch (stop) {
                case GrepSearch.Stop.MoreResults more -> out.append("… stopped at ").append(request.maxResults())
                        .append(" results; more lines match: narrow the pattern, path or glob, or raise max_results\n");
                case GrepSearch.Stop.TooCostly costly -> {
                    String message = "pattern " + Workspace.quote(request.pattern().pattern()) + " is too costly: on "
                            + costly.place() + " " + costly.why() + " (catastrophic backtracking); the search stopped "
                            + "there; simplify the pattern, e.g. avoid nested quantifiers like (a+)+ and .* next to .*";
                    if (search.hits().isEmpty()) {
                        return ToolResult.failed(message);
                    }
                    out.append("… ").append(message).append('\n');
                }
                case GrepSearch.Stop.OutOfTime time -> out.append("… the search ran out of time after ")
                        .append(time.seconds()).append(" s and is incomplete; narrow it with path or glob\n");
                case GrepSearch.Stop.TooManyFiles files -> out.append("… the search stopped after ")
                        .append(TreeWalk.MAX_FILES).append(" files and is incomplete; narrow it with path or glob\n");
            }
        }
        if (search.tooLarge() > 0) {
            out.append("… skipped ").append(search.tooLarge()).append(search.tooLarge() == 1 ? " file" : " files")
                    .append(" over ").append(GrepSearch.MAX_FILE_BYTES / (1024 * 1024)).append(" MiB\n");
        }
        return ToolResult.ok(out.toString().stripTrailing());
    }
}
