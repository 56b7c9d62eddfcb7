package dev.jclaw.server.cli;

import dev.jclaw.api.gateway.ConversationKey;
import dev.jclaw.api.gateway.TurnEvent;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.agent.EventJson;
import dev.jclaw.core.event.AgentEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code jclaw run} and {@code jclaw chat} as clients of a server (the one running on this JClaw home, or
 * {@code --url}): the same output, exit codes and slash commands as in-process; the turn runs in the server, which
 * holds the databases.
 */
final class RemoteAgent {
    private final ServerClient client;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    RemoteAgent(ServerClient client, BufferedReader in, PrintStream out, PrintStream err, boolean terminal) {
        this.client = client;
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** The server's conversation for a session key: {@code cli:alice} is the conversation {@code alice}. */
    static String conversation(String session) throws UsageException {
        String name = session.substring(session.indexOf(':') + 1);
        try {
            return new ConversationKey("cli", name).name();
        } catch (IllegalArgumentException e) {
            throw new UsageException("through a server, --session takes cli:NAME where " + e.getMessage()
                    .replaceFirst("; got .*", ""));
        }
    }

    int run(TurnOptions options, String prompt) throws Exception {
        String name = conversation(options.session());
        if (prompt.strip().startsWith("/")) {
            JsonObject reply = client.command(name, prompt.strip());
            if (reply.optBoolean("handled").orElse(false)) {
                String followUp = reply.optString("follow_up").orElse("");
                if (followUp.isBlank() || reply.optString("reply").isEmpty()) {
                    return print(reply, options.json(), out);
                }
                print(reply, options.json(), err);
                prompt = followUp;
            }
        }
        Consumer<AgentEvent> shown = options.json() ? e -> {
            out.println(Json.write(EventJson.of(e)));
            out.flush();
        } : new TerminalRenderer(out, err, false);
        AtomicReference<String> unasked = new AtomicReference<>();
        RemoteEvents events = new RemoteEvents();
        TurnEvent end = client.send(name, body(prompt, options, !options.continues()), event -> {
            if (event instanceof TurnEvent.ApprovalRequested a) {
                if (options.yes()) {
                    answer(a.approvalId(), true);
                    return;
                }
                events.of(event).ifPresent(shown);
                if (!terminal) {
                    unasked.compareAndSet(null, a.tool());
                    stop(name);
                } else {
                    answer(a.approvalId(), ask(a));
                }
                return;
            }
            if (unasked.get() == null || options.json() || !(event instanceof TurnEvent.Failed
                    || event instanceof TurnEvent.Aborted)) {
                events.of(event).ifPresent(shown);
            }
        });
        if (unasked.get() != null) {
            err.println("jclaw: " + unasked.get() + " needs approval and there is no terminal to ask; run again with"
                    + " --yes to let tool calls run, or use 'jclaw chat' to answer each one");
            return Cli.EXIT_NEEDS_APPROVAL;
        }
        return end instanceof TurnEvent.Done ? 0 : 1;
    }

    int chat(TurnOptions options) throws Exception {
        String name = conversation(options.session());
        boolean colour = terminal && System.getenv("NO_COLOR") == null;
        AtomicReference<Boolean> running = new AtomicReference<>(false);
        Interrupts.onCtrlC(() -> {
            if (running.get()) {
                stop(name);
            } else {
                err.println("\n(Ctrl-D or /exit quits)");
                prompt();
            }
        });
        err.println("JClaw chat - session cli:" + name + " on the server at " + client.base() + ". /help lists the"
                + " commands; Ctrl-C stops a turn, Ctrl-D quits.");
        while (true) {
            prompt();
            String line = in.readLine();
            if (line == null) {
                err.println();
                return 0;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.equals("/exit") || line.equals("/quit")) {
                return 0;
            }
            String text = line;
            if (line.startsWith("/")) {
                JsonObject reply = client.command(name, line);
                if (reply.optBoolean("handled").orElse(false)) {
                    reply.optString("reply").ifPresent(err::println);
                    reply.optString("error").ifPresent(e -> err.println("jclaw: " + e));
                    text = reply.optString("follow_up").orElse("");
                    if (text.isBlank()) {
                        continue;
                    }
                }
            }
            TerminalRenderer renderer = new TerminalRenderer(out, err, colour);
            RemoteEvents events = new RemoteEvents();
            running.set(true);
            try {
                client.send(name, body(text, options, false), event -> {
                    if (event instanceof TurnEvent.ApprovalRequested a && options.yes()) {
                        answer(a.approvalId(), true);
                        return;
                    }
                    events.of(event).ifPresent(renderer);
                    if (event instanceof TurnEvent.ApprovalRequested a) {
                        answer(a.approvalId(), ask(a));
                    }
                });
            } catch (ServerClient.ServerException e) {
                err.println("jclaw: " + e.getMessage());
            } finally {
                running.set(false);
            }
        }
    }

    private static JsonObject body(String text, TurnOptions options, boolean fresh) {
        JsonObject.Builder body = JsonObject.builder().put("text", text).put("new", fresh);
        if (!options.model().isEmpty()) {
            body.put("model", options.model());
        }
        return body.build();
    }

    private boolean ask(TurnEvent.ApprovalRequested a) {
        err.print("Allow " + a.tool() + " " + a.arguments() + "? [y/N] ");
        err.flush();
        try {
            String answer = in.readLine();
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        } catch (IOException e) {
            return false;
        }
    }

    private void answer(String approvalId, boolean approve) {
        try {
            client.answer(approvalId, approve);
        } catch (ServerClient.ServerException e) {
            err.println("jclaw: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stop(String name) {
        try {
            client.stop(name);
        } catch (ServerClient.ServerException e) {
            err.println("jclaw: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int print(JsonObject reply, boolean json, PrintStream replies) {
        Optional<String> error = reply.optString("error");
        if (json) {
            out.println(Json.write(error.isPresent()
                    ? JsonObject.builder().put("type", "failed").put("reason", "command").put("message", error.get())
                    .build()
                    : JsonObject.builder().put("type", "reply").put("text", reply.optString("reply").orElse(""))
                    .build()));
        }
        if (error.isPresent()) {
            err.println("jclaw: " + error.get());
            return 1;
        }
        if (!json) {
            replies.println(reply.optString("reply").orElse(""));
        }
        return 0;
    }

    private void prompt() {
        err.print("> ");
        err.flush();
    }
}
