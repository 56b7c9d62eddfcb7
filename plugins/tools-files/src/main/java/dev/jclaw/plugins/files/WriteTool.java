package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Set;

/** The {@code write} tool: creates or replaces a text file in the workspace, atomically. */
final class WriteTool implements Tool {
    static final int MAX_CHARS = 10 * 1024 * 1024;

    @Override
    public String name() {
        return "write";
    }

    @Override
    public String description() {
        return "Creates or replaces a text file in the workspace with the given content (UTF-8), creating parent "
                + "directories. The file is written whole or not at all. To change part of a file, use edit.";
    }

    @Override
    public String parametersSchema() {
        return """
                {"type": "object", "properties": {
                  "path": {"type": "string", "description": "The file, relative to the workspace"},
                  "content": {"type": "string", "description": "The whole new content"}},
                 "required": ["path", "content"], "additionalProperties": false}""";
    }

    @Override
    public ToolClass toolClass() {
        return ToolClass.WRITE;
    }

    @Override
    public ToolResult execute(ToolContext context) throws IOException {
        String path;
        String content;
        try {
            Args.only(context.arguments(), "write", Set.of("path", "content"));
            path = context.arguments().string("path");
            content = context.arguments().string("content");
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        if (content.length() > MAX_CHARS) {
            return ToolResult.failed("content is " + content.length() + " characters, more than the limit of "
                    + MAX_CHARS + "; write large files in parts with a command instead");
        }
        Workspace workspace = Workspace.of(context.workspace());
        String shown = Workspace.quote(path);
        return switch (workspace.resolve(path)) {
            case Workspace.Resolution.Refused refused -> ToolResult.failed(refused.message());
            case Workspace.Resolution.Inside inside -> {
                if (Files.isDirectory(inside.path(), LinkOption.NOFOLLOW_LINKS)) {
                    yield ToolResult.failed(shown + " is a directory; give a file path");
                }
                boolean existed = Files.exists(inside.path());
                try {
                    AtomicFiles.write(inside.path(), content);
                } catch (FileSystemException e) {
                    yield ToolResult.failed("cannot write " + shown + ": "
                            + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
                }
                yield ToolResult.ok((existed ? "replaced " : "created ") + workspace.display(inside.path()) + " ("
                        + AtomicFiles.lines(content) + " lines, " + content.getBytes(StandardCharsets.UTF_8).length
                        + " bytes)");
            }
        };
    }
}
