package dev.jclaw.plugins.web;

import static org.assertj.core.api.Assertions.fail;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import javax.net.ssl.SSLContext;

/** Builds web_fetch from a configuration and calls it the way the host does, unwrapping the sealed result. */
final class Calls {

    private Calls() {
    }

    /** web_fetch with the given configuration (JSON text) and the system resolver. */
    static Tool webFetch(String config) {
        return webFetch(config, Resolver.SYSTEM);
    }

    static Tool webFetch(String config, Resolver resolver) {
        try {
            return WebTools.webFetch(FetchSettings.from(Json.parseObject(config), "test"), resolver,
                    SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** web_fetch that may reach 127.0.0.1, and nothing else that is not public. */
    static Tool allowingLoopback() {
        return webFetch("{\"allow-hosts\": [\"127.0.0.1\"]}");
    }

    static ToolResult fetch(Tool tool, String url) throws Exception {
        return call(tool, JsonObject.builder().put("url", url).build());
    }

    static ToolResult call(Tool tool, JsonObject arguments) throws Exception {
        return tool.execute(new ToolContext("call-1", arguments, Path.of("."), "test:web", Instant.now().plusSeconds(60)));
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
