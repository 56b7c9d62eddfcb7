package dev.jclaw.plugins.files;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * The {@code read} tool: a text file of the workspace, numbered like {@code cat -n}, paged by {@code offset} and
 * {@code limit}.
 *
 * <p>The file is streamed, never loaded whole: lines are cut at {@value #MAX_LINE_CHARS} characters and the output
 * at {@value #MAX_OUTPUT_CHARS} characters, with a trailer telling the model how to go on. Invalid UTF-8 shows as
 * replacement characters. Stateless and thread-safe; reads are interruptible, as they go through a file channel.
 */
final class ReadTool implements Tool {

    static final int DEFAULT_LIMIT = 2000;
    static final int MAX_LIMIT = 10_000;
    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_OUTPUT_CHARS = 256 * 1024;
    /** A NUL byte this early marks a binary file. */
    static final int BINARY_PROBE_BYTES = 8 * 1024;
    /** Once the output is complete, at most this many more characters are scanned to count the lines left. */
    static final long COUNT_BUDGET_CHARS = 16L * 1024 * 1024;

    static final String EMPTY_FILE = "(the file is empty)";

    private static final Set<String> ARGUMENTS = Set.of("path", "offset", "limit");
    private static final int NUMBER_WIDTH = 6;

    private static final String SCHEMA = """
            {
              "type": "object",
              "properties": {
                "path": {
                  "type": "string",
                  "description": "The file to read, relative to the workspace, e.g. src/main/App.java"
                },
                "offset": {
                  "type": "integer",
                  "minimum": 1,
                  "default": 1,
                  "description": "The first line to read; lines are numbered from 1"
                },
                "limit": {
                  "type": "integer",
                  "minimum": 1,
                  "maximum": %d,
                  "default": %d,
                  "description": "How many lines to read at most"
                }
              },
              "required": ["path"],
              "additionalProperties": false
            }
            """.formatted(MAX_LIMIT, DEFAULT_LIMIT);

    @Override
    public String name() {
        return "read";
    }

    @Override
    public String description() {
        return "Reads a text file in the workspace and returns its lines numbered like cat -n (number, tab, text). "
                + "Reads up to 'limit' lines (default " + DEFAULT_LIMIT + ") from line 'offset' (default 1) and at "
                + "most 256 KiB; lines longer than " + MAX_LINE_CHARS + " characters are cut. When more lines "
                + "follow, the last line of the output says which offset to read next. Directories and binary "
                + "files cannot be read; use glob to find files.";
    }

    @Override
    public String parametersSchema() {
        return SCHEMA;
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.READ;
    }

    @Override
    public ToolResult execute(ToolContext context) throws IOException {
        Request request;
        try {
            request = Request.from(context.arguments());
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        Workspace workspace = Workspace.of(context);
        String shown = Workspace.quote(request.path());
        try {
            return switch (workspace.resolve(request.path())) {
                case Workspace.Resolution.Refused refused -> ToolResult.failed(refused.message());
                case Workspace.Resolution.Inside inside -> read(workspace, inside.path(), request, shown);
            };
        } catch (NoSuchFileException e) {
            // deleted between the checks and the open
            return ToolResult.failed("file " + shown + " does not exist");
        } catch (AccessDeniedException e) {
            return ToolResult.failed("cannot read " + shown + ": permission denied");
        } catch (FileSystemException e) {
            String reason = e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
            return ToolResult.failed("cannot read " + shown + ": " + reason);
        }
    }

    /**
     * The checked arguments.
     *
     * @param path the path as given, relative to the workspace
     * @param offset the first line to read, from 1
     * @param limit the most lines to read
     */
    record Request(String path, long offset, int limit) {

        /** Reads the arguments; a {@link JsonException} names the argument that is wrong and how. */
        static Request from(JsonObject arguments) {
            for (String name : arguments.members().keySet()) {
                if (!ARGUMENTS.contains(name)) {
                    throw new JsonException("unknown argument " + Workspace.quote(name)
                            + "; read takes 'path', 'offset' and 'limit'");
                }
            }
            String path = arguments.string("path");
            long offset = arguments.optLong("offset").orElse(1L);
            long limit = arguments.optLong("limit").orElse((long) DEFAULT_LIMIT);
            if (offset < 1) {
                throw new JsonException("'offset' must be at least 1 (the first line is 1), got " + offset);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new JsonException("'limit' must be between 1 and " + MAX_LIMIT + ", got " + limit
                        + "; read large files in pages with 'offset'");
            }
            return new Request(path, offset, (int) limit);
        }
    }

    private static ToolResult read(Workspace workspace, Path file, Request request, String shown)
            throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return ToolResult.failed(NotFound.message(workspace, file, shown));
        }
        if (attributes.isDirectory()) {
            return ToolResult.failed(shown + " is a directory; use glob to list the files in it");
        }
        if (!attributes.isRegularFile()) {
            return ToolResult.failed(shown + " is not a regular file; read only reads regular text files");
        }
        try (SeekableByteChannel channel =
                     Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (startsBinary(channel)) {
                return ToolResult.failed(shown + " is a binary file (it contains NUL bytes); read only reads text");
            }
            channel.position(0);
            // the Charset constructor decodes malformed input to U+FFFD instead of failing
            LineReader lines = new LineReader(new InputStreamReader(Channels.newInputStream(channel), UTF_8));
            return render(lines, request, shown);
        }
    }

    private static boolean startsBinary(SeekableByteChannel channel) throws IOException {
        ByteBuffer probe = ByteBuffer.allocate(BINARY_PROBE_BYTES);
        while (probe.hasRemaining() && channel.read(probe) >= 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        probe.flip();
        while (probe.hasRemaining()) {
            if (probe.get() == 0) {
                return true;
            }
        }
        return false;
    }

    private static ToolResult render(LineReader lines, Request request, String shown) throws IOException {
        for (long skipped = 0; skipped < request.offset() - 1; skipped++) {
            if (!lines.skip()) {
                return beyondEnd(request, skipped, shown);
            }
        }
        StringBuilder out = new StringBuilder();
        long number = request.offset();
        int count = 0;
        boolean capped = false;
        while (count < request.limit()) {
            LineReader.Line line = lines.next(MAX_LINE_CHARS);
            if (line == null) {
                break;
            }
            int before = out.length();
            appendLine(out, number, number == 1 ? withoutBom(line) : line);
            if (out.length() > MAX_OUTPUT_CHARS) {
                out.setLength(before);
                capped = true;
                break;
            }
            number++;
            count++;
        }
        if (count == 0 && !capped) {
            return request.offset() == 1 ? ToolResult.ok(EMPTY_FILE) : beyondEnd(request, number - 1, shown);
        }
        if (capped || count == request.limit()) {
            long left = countLeft(lines);
            if (capped) {
                left = left < 0 ? left : left + 1; // the line that did not fit
                out.append("… output capped at ").append(MAX_OUTPUT_CHARS / 1024).append(" KiB; ");
                appendRest(out, left, number);
            } else if (left != 0) {
                out.append("… ");
                appendRest(out, left, number);
            }
        }
        if (!out.isEmpty() && out.charAt(out.length() - 1) == '\n') {
            out.setLength(out.length() - 1);
        }
        return ToolResult.ok(out.toString());
    }

    private static ToolResult beyondEnd(Request request, long lineCount, String shown) {
        return ToolResult.failed("offset " + request.offset() + " is beyond the end of " + shown + "; the file has "
                + lineCount + (lineCount == 1 ? " line" : " lines"));
    }

    /** Counts the lines not read yet, or returns -1 when there are more than the budget lets us count. */
    private static long countLeft(LineReader lines) throws IOException {
        long stopAt = lines.consumed() + COUNT_BUDGET_CHARS;
        long left = 0;
        while (lines.skip()) {
            left++;
            if (lines.consumed() > stopAt) {
                return -1;
            }
        }
        return left;
    }

    private static void appendRest(StringBuilder out, long left, long next) {
        if (left < 0) {
            out.append("more lines follow");
        } else {
            out.append(left).append(left == 1 ? " more line" : " more lines");
        }
        out.append("; call read with offset=").append(next);
    }

    private static void appendLine(StringBuilder out, long number, LineReader.Line line) {
        String digits = Long.toString(number);
        out.repeat(' ', Math.max(0, NUMBER_WIDTH - digits.length())).append(digits).append('\t').append(line.text());
        if (line.cutChars() > 0) {
            out.append("… [line cut, ").append(line.cutChars()).append(" more characters]");
        }
        out.append('\n');
    }

    private static LineReader.Line withoutBom(LineReader.Line line) {
        return line.text().startsWith("\uFEFF") ? new LineReader.Line(line.text().substring(1), line.cutChars()) : line;
    }
}
