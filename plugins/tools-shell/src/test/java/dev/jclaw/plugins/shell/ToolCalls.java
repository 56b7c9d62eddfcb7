package dev.jclaw.plugins.shell;

import static org.assertj.core.api.Assertions.fail;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the bash tool over real processes, calls it the way the host does, and unwraps the sealed result, failing
 * loudly on the wrong variant.
 */
final class ToolCalls {

    private static final Pattern NUMBER = Pattern.compile("\\b\\d+\\b");

    private ToolCalls() {
    }

    /** The tool with the given plugin configuration and the test JVM's environment. */
    static BashTool bash(String configJson) {
        return bash(configJson, Map.of());
    }

    /** The tool with the given plugin configuration and the test JVM's environment plus some variables. */
    static BashTool bash(String configJson, Map<String, String> extraEnvironment) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(extraEnvironment);
        return new BashTool(ShellConfig.from(Json.parseObject(configJson)), Shell.locate(System.getenv()),
                environment, ProcessSandbox.unconfined("these tests are about bash without a sandbox"));
    }

    static ToolResult call(BashTool tool, Path workspace, JsonObject arguments) throws IOException {
        return call(tool, workspace, arguments, Duration.ofMinutes(5));
    }

    static ToolResult call(BashTool tool, Path workspace, JsonObject arguments, Duration deadline) throws IOException {
        return tool.execute(new ToolContext("call-1", arguments, workspace.toRealPath(), "test:shell",
                Instant.now().plus(deadline)));
    }

    static JsonObject command(String command) {
        return JsonObject.builder().put("command", command).build();
    }

    static JsonObject command(String command, long timeoutSeconds) {
        return JsonObject.builder().put("command", command).put("timeout_seconds", timeoutSeconds).build();
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

    /** The whole numbers in a text, e.g. the pids a command printed. */
    static List<Long> numbers(String text) {
        Matcher m = NUMBER.matcher(text);
        return m.results().map(r -> Long.parseLong(r.group())).toList();
    }

    /**
     * Whether a process still runs, judged independently of the code under test: a zombie (dead, not yet reaped by
     * a PID 1 that does not reap) does not count.
     */
    static boolean running(long pid) {
        if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for a process to stop {@link #running}; returns whether it did in time. */
    static boolean endsWithin(long pid, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (running(pid)) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }
}
