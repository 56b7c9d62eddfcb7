package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

/** The {@code edit} tool: replaces an exact piece of a text file, once (it must be unique) or everywhere. */
final class EditTool implements Tool {
    static final long MAX_BYTES = 10L * 1024 * 1024;

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public String description() {
        return "Replaces old_string with new_string in a text file of the workspace. old_string must match "
                + "exactly (whitespace and indentation included) and occur once, unless replace_all is true. "
                + "Read the file first to copy the exact text.";
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

    @Override
    public ToolResult execute(ToolContext context) throws IOException {
        JsonObject a = context.arguments();
        String path;
        String oldText;
        String newText;
        boolean all;
        try {
            Args.only(a, "edit", Set.of("path", "old_string", "new_string", "replace_all"));
            path = a.string("path");
            oldText = a.string("old_string");
            newText = a.string("new_string");
            all = a.optBoolean("replace_all").orElse(false);
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        if (oldText.isEmpty()) {
            return ToolResult.failed("old_string is empty; give the exact text to replace, or use write for a new file");
        }
        if (oldText.equals(newText)) {
            return ToolResult.failed("old_string and new_string are the same; nothing to change");
        }
        Workspace workspace = Workspace.of(context.workspace());
        String shown = Workspace.quote(path);
        return switch (workspace.resolve(path)) {
            case Workspace.Resolution.Refused refused -> ToolResult.failed(refused.message());
            case Workspace.Resolution.Inside inside -> edit(workspace, inside.path(), shown, oldText, newText, all);
        };
    }

    private static ToolResult edit(Workspace workspace, Path file, String shown, String oldText, String newText,
                                   boolean all) throws IOException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                return ToolResult.failed(shown + " is a directory; give a file path");
            }
            if (Files.size(file) > MAX_BYTES) {
                return ToolResult.failed(shown + " is larger than 10 MiB; edit it with a command instead");
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
                if (bytes[i] == 0) {
                    return ToolResult.failed(shown + " is a binary file; edit only edits text");
                }
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            return ToolResult.failed("file " + shown + " does not exist; use write to create it");
        } catch (CharacterCodingException e) {
            return ToolResult.failed(shown + " is not valid UTF-8 text; edit only edits UTF-8 text");
        }
        int count = 0;
        for (int at = text.indexOf(oldText); at >= 0; at = text.indexOf(oldText, at + oldText.length())) {
            count++;
        }
        if (count == 0) {
            return ToolResult.failed("old_string was not found in " + shown + "; read the file and copy the exact "
                    + "text, whitespace and indentation included");
        }
        if (count > 1 && !all) {
            return ToolResult.failed("old_string occurs " + count + " times in " + shown + "; include more of the "
                    + "surrounding lines to make it unique, or set replace_all to true");
        }
        String updated = all ? text.replace(oldText, newText) : text.replaceFirst(
                java.util.regex.Pattern.quote(oldText), java.util.regex.Matcher.quoteReplacement(newText));
        try {
            AtomicFiles.write(file, updated);
        } catch (FileSystemException e) {
            return ToolResult.failed("cannot write " + shown + ": "
                    + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
        }
        return ToolResult.ok("replaced " + count + " occurrence" + (count == 1 ? "" : "s") + " in "
                + workspace.display(file));
    }
}
