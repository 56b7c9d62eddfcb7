package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code edit} tool: replaces an exact piece of a UTF-8 text file, once (it must then be unique) or everywhere.
 *
 * <p>Everything outside the replaced text stays byte for byte: line endings, a byte order mark, the file's
 * permissions. When the file uses CRLF line endings and {@code old_string} only has LF ones (as models send them),
 * both strings are matched and written with CRLF. The file is replaced atomically (see {@link AtomicFiles}).
 * Stateless and thread-safe.
 */
final class EditTool implements Tool {
    static final int MAX_BYTES = 10 * 1024 * 1024;
    /** Line numbers named in a message, at most. */
    static final int SHOWN_LINES = 5;

    private static final Set<String> ARGUMENTS = Set.of("path", "old_string", "new_string", "replace_all");

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public String description() {
        return "Replaces old_string with new_string in a UTF-8 text file of the workspace. old_string must match "
                + "exactly (whitespace and indentation included) and occur once, unless replace_all is true. "
                + "Read the file first to copy the exact text; include surrounding lines to make it unique.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type": "object", "properties": {
                  "path": {"type": "string", "description": "The file, relative to the workspace"},
                  "old_string": {"type": "string", "description": "The exact text to replace"},
                  "new_string": {"type": "string", "description": "The text to put in its place"},
                  "replace_all": {"type": "boolean", "default": false,
                                  "description": "Replace every occurrence instead of exactly one"}},
                 "required": ["path", "old_string", "new_string"], "additionalProperties": false}""";
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.WRITE;
    }

    /**
     * The checked arguments.
     *
     * @param path the file, as given
     * @param oldText the text to replace, not empty
     * @param newText the replacement, different from {@code oldText}
     * @param all whether to replace every occurrence
     */
    record Request(String path, String oldText, String newText, boolean all) {

        /** Reads the arguments; a {@link JsonException} says in one sentence what is wrong. */
        static Request from(JsonObject a) {
            Args.only(a, "edit", ARGUMENTS);
            Request request = new Request(a.string("path"), a.string("old_string"), a.string("new_string"),
                    a.optBoolean("replace_all").orElse(false));
            if (request.oldText().isEmpty()) {
                throw new JsonException("old_string is empty; give the exact text to replace, or use write for a "
                        + "new file");
            }
            if (request.oldText().equals(request.newText())) {
                throw new JsonException("old_string and new_string are the same; nothing would change");
            }
            return request;
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
        String shown = Workspace.quote(request.path());
        try {
            return switch (workspace.resolve(request.path())) {
                case Workspace.Resolution.Refused refused -> ToolResult.failed(refused.message());
                case Workspace.Resolution.Inside inside -> edit(workspace, inside.path(), shown, request);
            };
        } catch (NoSuchFileException e) {
            return ToolResult.failed("file " + shown + " does not exist any more; read it again");
        } catch (IOException e) {
            return ToolResult.failed("cannot edit " + shown + ": " + AtomicFiles.reason(e));
        }
    }

    private static ToolResult edit(Workspace workspace, Path file, String shown, Request request)
            throws IOException, InterruptedException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return ToolResult.failed(NotFound.message(workspace, file, shown, "use write to create a new file"));
        }
        if (attributes.isDirectory()) {
            return ToolResult.failed(shown + " is a directory; give the path of a file");
        }
        if (!attributes.isRegularFile()) {
            return ToolResult.failed(shown + " is not a regular file; edit only edits regular text files");
        }
        if (attributes.size() > MAX_BYTES) {
            return ToolResult.failed(shown + " is larger than 10 MiB; edit it with a command instead");
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            for (byte b : bytes) {
                if (b == 0) {
                    return ToolResult.failed(shown + " is a binary file (it contains NUL bytes); edit only edits "
                            + "text");
                }
            }
            text = Utf8.decode(bytes);
        } catch (CharacterCodingException e) {
            return ToolResult.failed(shown + " is not valid UTF-8 text; edit only edits UTF-8 text, so change it "
                    + "with a command instead");
        }
        String oldText = request.oldText();
        String newText = request.newText();
        List<Integer> at = occurrences(text, oldText);
        if (at.isEmpty() && text.contains("\r\n") && oldText.contains("\n") && !oldText.contains("\r")) {
            oldText = oldText.replace("\n", "\r\n");
            newText = newText.contains("\r") ? newText : newText.replace("\n", "\r\n");
            at = occurrences(text, oldText);
        }
        if (at.isEmpty()) {
            return ToolResult.failed("old_string was not found in " + shown + "; read the file and copy the exact "
                    + "text, whitespace and indentation included");
        }
        if (at.size() > 1 && !request.all()) {
            return ToolResult.failed("old_string occurs " + at.size() + " times in " + shown + " (" + lines(text, at)
                    + "); include more of the surrounding lines to make it unique, or set replace_all to true");
        }
        byte[] updated;
        try {
            updated = Utf8.encode(replace(text, oldText, newText, at));
        } catch (CharacterCodingException e) {
            return ToolResult.failed("new_string holds an unpaired surrogate character, which UTF-8 cannot encode; "
                    + "send valid Unicode text");
        }
        if (updated.length > MAX_BYTES) {
            return ToolResult.failed("the edit would make " + shown + " " + updated.length + " bytes, more than the "
                    + "limit of 10 MiB; nothing was changed");
        }
        AtomicFiles.write(file, updated);
        return ToolResult.ok("replaced " + at.size() + (at.size() == 1 ? " occurrence" : " occurrences") + " in "
                + workspace.display(file) + " (" + lines(text, at) + ")");
    }

    private static List<Integer> occurrences(String text, String part) {
        List<Integer> at = new ArrayList<>();
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            at.add(i);
        }
        return at;
    }

    private static String replace(String text, String oldText, String newText, List<Integer> at) {
        StringBuilder out = new StringBuilder(text.length() + at.size() * (newText.length() - oldText.length()));
        int from = 0;
        for (int i : at) {
            out.append(text, from, i).append(newText);
            from = i + oldText.length();
        }
        return out.append(text, from, text.length()).toString();
    }

    /** Names the lines the occurrences start on, e.g. "lines 3, 9 and 12", the first few only. */
    private static String lines(String text, List<Integer> at) {
        List<String> numbers = new ArrayList<>();
        int line = 1;
        int scanned = 0;
        for (int i = 0; i < Math.min(at.size(), SHOWN_LINES); i++) {
            for (; scanned < at.get(i); scanned++) {
                if (text.charAt(scanned) == '\n') {
                    line++;
                }
            }
            numbers.add(Integer.toString(line));
        }
        if (numbers.size() == 1) {
            return "line " + numbers.getFirst();
        }
        String more = at.size() > SHOWN_LINES ? ", …" : "";
        return "lines " + String.join(", ", numbers) + more;
    }
}
