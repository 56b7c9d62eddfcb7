package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code grep} tool: lines of the workspace's text files matching a Java regular expression. A pattern that
 * backtracks catastrophically is stopped by a step budget instead of hanging the call.
 */
final class GrepTool implements Tool {
    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 1000;
    static final int LINE_CHARS = 300;
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** Character reads the regex engine may make over the whole call. */
    static final long STEP_BUDGET = 200_000_000L;

    @Override
    public String name() {
        return "grep";
    }

    @Override
    public String description() {
        return "Searches the text files of the workspace for lines matching a Java regular expression; prints "
                + "path:line: text. Optional: path (a directory or file), glob (e.g. *.java), case_insensitive, "
                + "max_results (default " + DEFAULT_MAX + ", at most " + MAX_MAX + ").";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type": "object", "properties": {
                  "pattern": {"type": "string", "description": "A Java regular expression"},
                  "path": {"type": "string", "description": "Directory or file to search, relative to the workspace"},
                  "glob": {"type": "string", "description": "Only files matching this glob, e.g. *.java"},
                  "case_insensitive": {"type": "boolean", "default": false},
                  "max_results": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
                 "required": ["pattern"], "additionalProperties": false}""";
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.READ;
    }

    /** Stops the regex engine after a budget of character reads, or on interrupt. */
    static final class Budget {
        long left = STEP_BUDGET;
    }

    private record Guarded(CharSequence text, Budget budget) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (--budget.left < 0 || (budget.left & 0xFFFF) == 0 && Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("budget");
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Guarded(text.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    @Override
    public ToolResult execute(ToolContext context) throws IOException, InterruptedException {
        JsonObject a = context.arguments();
        Pattern pattern;
        String path;
        String glob;
        int max;
        try {
            Args.only(a, "grep", Set.of("pattern", "path", "glob", "case_insensitive", "max_results"));
            String regex = a.string("pattern");
            path = a.optString("path").orElse(".");
            glob = a.optString("glob").orElse("");
            long m = a.optLong("max_results").orElse((long) DEFAULT_MAX);
            if (m < 1 || m > MAX_MAX) {
                throw new JsonException("'max_results' must be between 1 and " + MAX_MAX + ", got " + m);
            }
            max = (int) m;
            try {
                pattern = Pattern.compile(regex, a.optBoolean("case_insensitive").orElse(false)
                        ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                return ToolResult.failed("pattern " + Workspace.quote(regex) + " is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        Workspace workspace = Workspace.of(context.workspace());
        Workspace.Resolution resolution = workspace.resolve(path);
        if (resolution instanceof Workspace.Resolution.Refused refused) {
            return ToolResult.failed(refused.message());
        }
        Path base = ((Workspace.Resolution.Inside) resolution).path();
        if (!Files.exists(base)) {
            return ToolResult.failed(Workspace.quote(path) + " does not exist in the workspace");
        }
        PathMatcher filter = glob.isEmpty() ? null : Globs.matcher(base, glob);
        List<String> hits = new ArrayList<>();
        Budget budget = new Budget();
        boolean[] stopped = {false};
        List<Path> files = new ArrayList<>();
        boolean cut = Files.isRegularFile(base) ? addFile(files, base) : TreeWalk.walk(base, filter,
                (file, attrs) -> files.add(file));
        for (Path file : files) {
            if (hits.size() >= max || stopped[0]) {
                break;
            }
            try {
                stopped[0] = search(workspace, file, pattern, budget, hits, max);
            } catch (IOException e) {
                // gone or unreadable since the walk: skip it
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("grep was stopped");
        }
        StringBuilder out = new StringBuilder();
        hits.forEach(h -> out.append(h).append('\n'));
        if (hits.isEmpty()) {
            out.append("no matches for ").append(Workspace.quote(pattern.pattern())).append('\n');
        } else if (hits.size() >= max) {
            out.append("… stopped at ").append(max).append(" results; narrow the pattern or raise max_results\n");
        }
        if (stopped[0]) {
            out.append("… the pattern took too long to match (catastrophic backtracking?); simplify it\n");
        }
        if (cut) {
            out.append("… the search stopped after ").append(TreeWalk.MAX_VISITS).append(" files\n");
        }
        return ToolResult.ok(out.toString().stripTrailing());
    }

    private static boolean addFile(List<Path> files, Path file) {
        files.add(file);
        return false;
    }

    /** @return whether the step budget ran out */
    private static boolean search(Workspace workspace, Path file, Pattern pattern, Budget budget, List<String> hits,
                                  int max) throws IOException {
        if (Files.size(file) > MAX_FILE_BYTES || binary(file)) {
            return false;
        }
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null && hits.size() < max) {
                number++;
                Matcher m = pattern.matcher(new Guarded(line, budget));
                boolean found;
                try {
                    found = m.find();
                } catch (IllegalStateException e) {
                    return true;
                }
                if (found) {
                    String text = line.length() > LINE_CHARS ? line.substring(0, LINE_CHARS) + "…" : line;
                    hits.add(workspace.display(file) + ":" + number + ": " + text);
                }
            }
        } catch (IOException e) {
            // unreadable file: skip it
        }
        return false;
    }

    private static boolean binary(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8192);
            for (byte b : head) {
                if (b == 0) {
                    return true;
                }
            }
            return false;
        }
    }
}
