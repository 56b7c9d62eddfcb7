package dev.jclaw.server.cli;

import dev.jclaw.agent.command.SlashCommands;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.gateway.GatewayConversation;
import dev.jclaw.core.event.AgentEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The interactive terminal session: streaming answers, tool calls as they run, a y/n prompt for approvals, slash
 * commands, and Ctrl-C that aborts the running turn rather than the program — over an {@link AgentLink}, so the same
 * whether the turns run in this process or in a server.
 *
 * <p>Input is read on its own thread, so a person can type while a turn runs: {@code /stop}, {@code /steer},
 * {@code /btw}, {@code /status} and the other commands that do not wait act at once; anything else, {@code /exit}
 * included, waits, in order, until the turn ends. Piped input is taken strictly in order, line by line. One
 * thread — this loop's — handles every line, turn end and approval question in the order they happen
 * ({@link Signal}); each turn runs on a virtual thread of its own.
 */
final class ChatLoop {
    private static final String BANNER_HINT = "/help lists the commands; Ctrl-C stops a turn, Ctrl-D quits.";

    /** What the loop reacts to. */
    private sealed interface Signal {
        record Line(String text) implements Signal {
        }

        record EndOfInput() implements Signal {
        }

        record TurnEnded() implements Signal {
        }

        record Ask(AgentEvent.ApprovalRequested request) implements Signal {
        }
    }

    private final AgentLink link;
    private final TurnOptions options;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Deque<String> waiting = new ArrayDeque<>();
    private volatile boolean running;
    private Signal.Ask asking;
    private boolean endOfInput;
    private boolean quitting;

    ChatLoop(AgentLink link, TurnOptions options, BufferedReader in, PrintStream out, PrintStream err,
             boolean interactive) {
        this.link = link;
        this.options = options;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** @return the approval question, as every terminal prompt asks it */
    static String question(AgentEvent.ApprovalRequested request) {
        return "Allow " + request.tool() + " " + request.arguments() + "? [y/N] ";
    }

    /** @return whether an answer to {@link #question} is yes: {@code y} or {@code yes}, in any case */
    static boolean yes(String answer) {
        return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
    }

    int run() throws InterruptedException {
        Interrupts.onCtrlC(() -> {
            if (!running || !stop()) {
                err.println("\n(Ctrl-D or /exit quits)");
                prompt();
            }
        });
        err.println("JClaw chat - session " + options.session() + link.where() + ". " + BANNER_HINT);
        Thread.ofVirtual().name("chat-input").start(this::readInput);
        prompt();
        while (true) {
            if (!running && !waiting.isEmpty()) {
                handle(waiting.pollFirst());
            } else if (!running && (endOfInput || quitting)) {
                if (endOfInput) {
                    err.println(); // Ctrl-D leaves the cursor after the prompt
                }
                return 0;
            } else {
                react(signals.take());
            }
        }
    }

    private void readInput() {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                signals.add(new Signal.Line(line));
            }
        } catch (IOException e) {
            err.println("jclaw: could not read the terminal: " + e.getMessage());
        }
        signals.add(new Signal.EndOfInput());
    }

    private void react(Signal signal) {
        switch (signal) {
            case Signal.Line line when asking != null -> answer(line.text());
            // piped input runs strictly in order; a person's /stop, /steer, /status … act at once
            case Signal.Line line when running && (!interactive || !SlashCommands.runsDuringAnyTurn(line.text())) -> {
                waiting.addLast(line.text());
                if (interactive && isQuit(line.text())) {
                    err.println("(quitting when this turn ends; Ctrl-C stops it now)");
                }
            }
            case Signal.Line line -> handle(line.text());
            case Signal.EndOfInput e -> {
                endOfInput = true;
                if (asking != null) {
                    answer("");
                }
            }
            case Signal.TurnEnded ended -> {
                running = false;
                asking = null;
                if (waiting.isEmpty() && !endOfInput && !quitting) {
                    prompt();
                }
            }
            case Signal.Ask ask -> {
                err.print(question(ask.request()));
                err.flush();
                asking = ask;
                // piped input answers with the next line it holds; a person answers what they type next
                if (!interactive && !waiting.isEmpty()) {
                    answer(waiting.pollFirst());
                }
            }
        }
    }

    private void answer(String text) {
        String id = asking.request().approvalId();
        asking = null;
        answer(id, yes(text));
    }

    private void answer(String approvalId, boolean approve) {
        link.answerOrSay(approvalId, approve, err);
    }

    private void handle(String raw) {
        String line = raw.strip();
        if (line.isEmpty()) {
            prompt();
            return;
        }
        if (isQuit(line)) {
            quitting = true;
            return;
        }
        Optional<GatewayConversation.CommandReply> reply = Optional.empty();
        if (line.startsWith("/")) { // anything else is a message, whatever the commands
            try {
                reply = link.command(options.conversation(), options.model(), line);
            } catch (AgentLink.LinkException e) {
                err.println("jclaw: " + e.getMessage());
                prompt();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (reply.isEmpty()) {
            send(line);
            return;
        }
        switch (reply.get().result()) {
            case CommandResult.Reply r -> err.println(r.text());
            case CommandResult.Failed f -> err.println("jclaw: " + f.message());
        }
        if (!reply.get().followUp().isEmpty()) {
            send(reply.get().followUp());
        } else if (!running) {
            prompt();
        }
    }

    private void send(String text) {
        boolean colour = interactive && System.getenv("NO_COLOR") == null;
        TerminalRenderer renderer = new TerminalRenderer(out, err, colour);
        running = true;
        Thread.ofVirtual().name("chat-turn").start(() -> {
            try {
                link.send(options.conversation(), new AgentLink.Message(text, options.model(), false), event -> {
                    if (event instanceof AgentEvent.ApprovalRequested a && options.yes()) {
                        answer(a.approvalId(), true);
                        return;
                    }
                    renderer.accept(event);
                    if (event instanceof AgentEvent.ApprovalRequested a) {
                        signals.add(new Signal.Ask(a));
                    }
                });
            } catch (AgentLink.LinkException e) {
                err.println("jclaw: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                err.println("jclaw: the turn failed: " + ErrorSentence.of(e));
            }
            signals.add(new Signal.TurnEnded());
        });
    }

    private boolean stop() {
        try {
            return link.stop(options.conversation());
        } catch (AgentLink.LinkException e) {
            err.println("jclaw: " + e.getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static boolean isQuit(String line) {
        String l = line.strip();
        return l.equals("/exit") || l.equals("/quit");
    }

    private void prompt() {
        err.print("> ");
        err.flush();
    }
}
