package dev.jclaw.plugins.files;

import dev.jclaw.api.json.JsonException;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code write} tool: creates or replaces a UTF-8 text file in the workspace, whole or not at all (see
 * {@link AtomicFiles}). Missing parent directories are created, and removed again when the write fails. Stateless
 * and thread-safe; two writes to one file at once leave one of the two contents, never a mix.
 */
final class WriteTool implements Tool {
    static final int MAX_BYTES = 10 * 1024 * 1024;

    private static final Set<String> ARGUMENTS = Set.of("path", "content");

    @Override
    public String name() {
        return "write";
    }

    @Override
    public String description() {
        return "Creates or replaces a text file in the workspace with the given content (UTF-8, at most 10 MiB), "
                + "creating parent directories. The file is written whole or not at all. To change part of a file, "
                + "use edit.";
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
    public ToolResult execute(ToolContext context) throws IOException, InterruptedException {
        String path;
        String content;
        try {
            Args.only(context.arguments(), "write", ARGUMENTS);
            path = context.arguments().string("path");
            content = context.arguments().string("content");
        } catch (JsonException e) {
            return ToolResult.failed(e.getMessage());
        }
        // every char takes at least one byte: a longer string is too large without encoding it
        if (content.length() > MAX_BYTES) {
            return tooLarge(content.length() + " characters");
        }
        byte[] bytes;
        try {
            bytes = Utf8.encode(content);
        } catch (CharacterCodingException e) {
            return ToolResult.failed("content holds an unpaired surrogate character, which UTF-8 cannot encode; "
                    + "send valid Unicode text");
        }
        if (bytes.length > MAX_BYTES) {
            return tooLarge(bytes.length + " bytes in UTF-8");
        }
        Workspace workspace = Workspace.of(context);
        String shown = Workspace.quote(path);
        return switch (workspace.resolve(path)) {
            case Workspace.Resolution.Refused refused -> ToolResult.failed(refused.message());
            case Workspace.Resolution.Inside inside -> write(workspace, inside.path(), shown, content, bytes);
        };
    }

    private static ToolResult write(Workspace workspace, Path file, String shown, String content, byte[] bytes)
            throws IOException, InterruptedException {
        BasicFileAttributes existing = attributes(file);
        if (existing != null && existing.isDirectory()) {
            return ToolResult.failed(shown + " is a directory; give the path of a file");
        }
        if (existing != null && !existing.isRegularFile()) {
            return ToolResult.failed(shown + " is not a regular file (a device, pipe or socket); write only writes "
                    + "regular files");
        }
        Path blocker = nonDirectoryAncestor(file);
        if (blocker != null) {
            return ToolResult.failed("cannot write " + shown + ": " + Workspace.quote(workspace.display(blocker))
                    + " is a file, not a directory");
        }
        List<Path> created = new ArrayList<>();
        try {
            createParents(file.getParent(), created);
            AtomicFiles.write(file, bytes);
        } catch (IOException | InterruptedException | RuntimeException e) {
            removeCreated(created);
            if (e instanceof IOException io) {
                return ToolResult.failed("cannot write " + shown + ": " + AtomicFiles.reason(io));
            }
            throw e;
        }
        return ToolResult.ok((existing == null ? "created " : "replaced ") + workspace.display(file) + " ("
                + AtomicFiles.lines(content) + (AtomicFiles.lines(content) == 1 ? " line, " : " lines, ")
                + bytes.length + (bytes.length == 1 ? " byte)" : " bytes)"));
    }

    private static ToolResult tooLarge(String size) {
        return ToolResult.failed("content is " + size + ", more than the limit of " + MAX_BYTES / (1024 * 1024)
                + " MiB; write a large file in parts: write the first part, then append with edit or a command");
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The deepest existing ancestor of the file, when it is not a directory; else {@code null}. */
    private static Path nonDirectoryAncestor(Path file) {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? null : dir;
            }
        }
        return null;
    }

    /** Creates the missing directories top down, noting each one so a failed write can take them back. */
    private static void createParents(Path dir, List<Path> created) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        createParents(dir.getParent(), created);
        try {
            Files.createDirectory(dir);
            created.add(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            // made by a concurrent call: fine, and not ours to remove
        }
    }

    private static void removeCreated(List<Path> created) {
        for (Path dir : created.reversed()) {
            try {
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                return; // not empty any more (another call wrote into it): leave it and those above it
            }
        }
    }
}
