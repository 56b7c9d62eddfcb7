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
        return tool.execute(new ToolContext("call-1", arguments, workspace, "test:files", Instant.now().plusSeconds(30)));
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
