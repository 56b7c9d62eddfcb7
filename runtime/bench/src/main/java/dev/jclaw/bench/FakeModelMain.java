package dev.jclaw.bench;

import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake model server in a process of its own, for {@link HttpLoadBench}: prints its base URL on the first line of
 * standard output and serves until standard input closes (so it dies with the harness that started it).
 *
 * <p>Scripted as one tool call per turn: a request whose newest user-or-tool message is a tool result is answered with a short
 * text; any other request with a call of the read-class {@code glob} tool ({@code *.md}, cheap in an empty or small
 * workspace). Nothing is recorded; the protocol is still checked on every request.
 *
 * <p>Usage: {@code FakeModelMain}.
 */
public final class FakeModelMain {
    /** The answer after the tool result. */
    static final String ANSWER = "No markdown files need attention; the workspace is in order.";
    /** The tool the fake calls. */
    static final String TOOL = "glob";
    /** The arguments of that call. */
    static final String ARGUMENTS = "{\"pattern\":\"*.md\"}";

    private FakeModelMain() {
    }

    public static void main(String[] args) throws IOException {
        AtomicLong ids = new AtomicLong();
        try (FakeModelServer server = FakeModelServer.start()) {
            server.recording(false).otherwise(body -> afterToolResult(body) ? Reply.text(ANSWER).chunks(4)
                    : Reply.toolCalls().call("call_" + ids.incrementAndGet(), TOOL, ARGUMENTS));
            System.out.println(server.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the harness closes the pipe or dies
            }
            if (!server.problems().isEmpty()) {
                System.err.println("fake model: " + server.problems().size() + " requests refused, first: "
                        + server.problems().getFirst());
            }
        }
    }

    static boolean afterToolResult(JsonObject body) {
        // JClaw's per-turn note may follow as a trailing system message: the newest user or tool message decides
        List<?> messages = body.optArray("messages").orElse(JsonArray.of()).elements();
        for (int i = messages.size() - 1; i >= 0; i--) {
            String role = ((JsonObject) messages.get(i)).optString("role").orElse("");
            if (role.equals("tool") || role.equals("user")) {
                return role.equals("tool");
            }
        }
        return false;
    }
}
