package dev.jclaw.server.cli;

import dev.jclaw.agent.EventJson;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.event.AgentEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * {@code jclaw run} and {@code jclaw chat} over an {@link AgentLink}: one client for turns in this process and in a
 * server, so the output, the approval prompts, the slash commands and the exit codes are the same wherever the turn
 * runs.
 *
 * <p>Approvals: with {@code --yes} every call is allowed; at a terminal the person is asked {@code [y/N]}; without
 * one nobody can be asked, so the first call that needs approval stops the turn and the command exits with
 * {@link Cli#EXIT_NEEDS_APPROVAL} rather than going on with a denial nobody chose.
 */
final class TerminalAgent {
    private final AgentLink link;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    TerminalAgent(AgentLink link, BufferedReader in, PrintStream out, PrintStream err, boolean terminal) {
        this.link = link;
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** @return the prompt of {@code jclaw run}: its words, or standard input for {@code -} */
    static String prompt(TurnOptions options, BufferedReader in) throws UsageException, IOException {
        if (options.words().isEmpty()) {
            throw new UsageException("run needs a prompt, e.g. jclaw run \"summarise notes.md\", or - to read it"
                    + " from standard input");
        }
        return options.promptFromStdin() ? StdinPrompt.read(in) : String.join(" ", options.words());
    }

    /** @return why a run stopped at a call that needed approval, and what to do instead, in one sentence */
    static String hint(String tool) {
        return tool + " needs approval and there is no terminal to ask; run again with --yes to let tool calls run,"
                + " or use 'jclaw chat' to answer each one";
    }

    int run(TurnOptions options, String prompt) throws Exception {
        String name = options.conversation();
        String text = prompt;
        if (prompt.strip().startsWith("/")) {
            Optional<GatewayConversation.CommandReply> reply = link.command(name, options.model(), prompt.strip());
            if (reply.isPresent()) {
                CommandResult result = reply.get().result();
                if (reply.get().followUp().isBlank() || !(result instanceof CommandResult.Reply)) {
                    return print(result, options.json(), out);
                }
                print(result, options.json(), err); // e.g. /new, then the prompt after it in the new conversation
                text = reply.get().followUp();
            }
        }
        Consumer<AgentEvent> shown = options.json() ? e -> {
            out.println(Json.write(EventJson.of(e)));
            out.flush();
        } : new TerminalRenderer(out, err, false);
        AtomicReference<String> unasked = new AtomicReference<>();
        // a one-shot question starts afresh; the earlier conversation stays in /history (and --continue)
        AgentEvent end = link.send(name, new AgentLink.Message(text, options.model(), !options.continues()), event -> {
            if (event instanceof AgentEvent.ApprovalRequested a) {
                if (options.yes()) {
                    answer(a.approvalId(), true);
                    return;
                }
                shown.accept(event);
                if (terminal) {
                    answer(a.approvalId(), ask(a));
                } else if (unasked.compareAndSet(null, a.tool())) {
                    stop(name);
                }
                return;
            }
            // the turn that stopped for want of an approver ends as aborted: say why instead of "aborted"
            if (unasked.get() == null || options.json() || !(event instanceof AgentEvent.Failed)) {
                shown.accept(event);
            }
        });
        if (unasked.get() != null) {
            err.println("jclaw: " + hint(unasked.get()));
            return Cli.EXIT_NEEDS_APPROVAL;
        }
        return end instanceof AgentEvent.Done ? 0 : 1;
    }

    int chat(TurnOptions options) throws InterruptedException {
        return new ChatLoop(link, options, in, out, err, terminal).run();
    }

    /** Shows what a slash command did: its text (a failure on stderr), or one JSON object with {@code --json}. */
    private int print(CommandResult result, boolean json, PrintStream replies) {
        return switch (result) {
            case CommandResult.Reply r -> {
                if (json) {
                    out.println(Json.write(JsonObject.builder().put("type", "reply").put("text", r.text()).build()));
                } else {
                    replies.println(r.text());
                }
                yield 0;
            }
            case CommandResult.Failed f -> {
                if (json) {
                    out.println(Json.write(JsonObject.builder().put("type", "failed").put("reason", "command")
                            .put("message", f.message()).build()));
                }
                err.println("jclaw: " + f.message());
                yield 1;
            }
        };
    }

    private boolean ask(AgentEvent.ApprovalRequested a) {
        err.print(ChatLoop.question(a));
        err.flush();
        try {
            return ChatLoop.yes(in.readLine());
        } catch (IOException e) {
            return false;
        }
    }

    private void answer(String approvalId, boolean approve) {
        link.answerOrSay(approvalId, approve, err);
    }

    private void stop(String name) {
        try {
            link.stop(name);
        } catch (AgentLink.LinkException e) {
            err.println("jclaw: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
