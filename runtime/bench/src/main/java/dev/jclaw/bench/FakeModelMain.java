package dev.jclaw.bench;

import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonArray;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.testkit.model.FakeModelServer;
import dev.jclaw.testkit.model.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fake model server in a process of its own, for {@link HttpLoadBench}: prints its base URL on the first line of
 * standard output and serves until standard input closes (so it dies with the harness that started it).
 *
 * <p>Scripted as one tool call per turn: a request whose newest user-or-tool message is a tool result is answered with a short
 * text; any other request with a call of the read-class {@code glob} tool ({@code *.md}, cheap in an empty or small
 * workspace). Nothing is recorded; the protocol is still checked on every request.
 *
 * <p>With a directory argument, the first request of each kind is written there as {@code first.json} (newest
 * message a user's) and {@code second.json} (newest a tool result), for the harness to replay the very requests
 * JClaw sends when it calls the fake directly.
 *
 * <p>It keeps the arrival time ({@link System#nanoTime()}, the monotonic clock every process on the machine shares)
 * of each request; a line {@code arrivals} on standard input prints those since the last ask, on one line.
 *
 * <p>Usage: {@code FakeModelMain [capture dir]}.
 */
public final class FakeModelMain {
    /** The answer after the tool result. */
    static final String ANSWER = "No markdown files need attention; the workspace is in order.";
    /** The tool the fake calls. */
    static final String TOOL = "glob";
    /** The arguments of that call. */
    static final String ARGUMENTS = "{\"pattern\":\"*.md\"}";

    private static final Set<String> CAPTURED = ConcurrentHashMap.newKeySet();
    private static final long[] ARRIVALS = new long[1 << 16];
    private static final AtomicLong ARRIVALS_SEEN = new AtomicLong();
    private static long reported;

    private FakeModelMain() {
    }

    public static void main(String[] args) throws IOException {
        AtomicLong ids = new AtomicLong();
        try (FakeModelServer server = FakeModelServer.start()) {
            Path capture = args.length > 0 ? Path.of(args[0]) : null;
            server.recording(false).otherwise(body -> {
                boolean second = afterToolResult(body);
                int slot = (int) (ARRIVALS_SEEN.getAndIncrement() % ARRIVALS.length);
                ARRIVALS[slot] = System.nanoTime(); // CLOCK_MONOTONIC: comparable with the harness's clock
                if (capture != null) {
                    capture(capture.resolve(second ? "second.json" : "first.json"), body);
                }
                return second ? Reply.text(ANSWER).chunks(4)
                        : Reply.toolCalls().call("call_" + ids.incrementAndGet(), TOOL, ARGUMENTS);
            });
            System.out.println(server.baseUrl());
            System.out.flush();
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null; line = commands.readLine()) {
                if (line.equals("arrivals")) { // the arrival times of the requests since the last ask, one a line
                    StringBuilder out = new StringBuilder();
                    long seen = ARRIVALS_SEEN.get();
                    for (long i = Math.max(reported, seen - ARRIVALS.length); i < seen; i++) {
                        out.append(ARRIVALS[(int) (i % ARRIVALS.length)]).append(' ');
                    }
                    reported = seen;
                    System.out.println(out.toString().strip());
                    System.out.flush();
                }
            }
            if (!server.problems().isEmpty()) {
                System.err.println("fake model: " + server.problems().size() + " requests refused, first: "
                        + server.problems().getFirst());
            }
        }
    }

    private static void capture(Path file, JsonObject body) {
        try {
            if (CAPTURED.add(file.getFileName().toString())) {
                Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), Json.write(body));
                Files.move(file.resolveSibling(file.getFileName() + ".tmp"), file,
                        StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
