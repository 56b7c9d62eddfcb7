package dev.jclaw.plugins.files;

import static org.assertj.core.api.Assertions.fail;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Path;
import java.time.Instant;

/** Calls a tool the way the host does and unwraps the sealed result, failing loudly on the wrong variant. */
final class ToolCalls {

    private ToolCalls() {
    }

    static ToolResult call(Tool tool, Path workspace, JsonObject arguments) throws Exception {
        return call(tool, workspace, arguments, Instant.now().plusSeconds(30));
    }

    static ToolResult call(Tool tool, Path workspace, JsonObject arguments, Instant deadline) throws Exception {
        return tool.execute(new ToolContext("call-1", arguments, workspace, "test:files", deadline));
    }

    /** Builds arguments from name, value pairs; values are strings, integers or booleans. */
    static JsonObject args(Object... pairs) {
        JsonObject.Builder builder = JsonObject.builder();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = (String) pairs[i];
            switch (pairs[i + 1]) {
                case String s -> builder.put(name, s);
                case Integer n -> builder.put(name, n.longValue());
                case Long n -> builder.put(name, n);
                case Boolean b -> builder.put(name, b);
                default -> throw new IllegalArgumentException("unsupported value " + pairs[i + 1]);
            }
        }
        return builder.build();
    }

    /** The names of the entries of a directory, sorted; shows leftovers such as temporary files. */
    static java.util.List<String> names(Path dir) throws java.io.IOException {
        try (var entries = java.nio.file.Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static JsonObject path(String path) {
        return JsonObject.builder().put("path", path).build();
    }

    static String content(ToolResult result) {
        return switch (result) {
            case ToolResult.Ok ok -> ok.content();
            case ToolResult.Failed failed -> fail("expected the call to succeed, but it failed: " + failed.message());
            case ToolResult.Denied denied -> fail("expected the call to succeed, but it was denied: " + denied.reason());
        };
    }

    static String failure(ToolResult result) {
        return switch (result) {
            case ToolResult.Ok ok -> fail("expected the call to fail, but it returned:\n" + abbreviate(ok.content()));
            case ToolResult.Failed failed -> failed.message();
            case ToolResult.Denied denied -> fail("expected the call to fail, but it was denied: " + denied.reason());
        };
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
