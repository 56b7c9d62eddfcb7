package dev.jclaw.server.cli;

import dev.jclaw.api.command.CommandResult;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.loop.Steering;
import dev.jclaw.agent.Conversation;
import dev.jclaw.agent.command.SlashCommands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The interactive terminal session: streaming answers, tool calls as they run, a y/n prompt for approvals, slash
 * commands, and Ctrl-C that aborts the running turn rather than the program.
 *
 * <p>Input is read on its own thread, so a person can type while a turn runs: {@code /stop}, {@code /steer},
 * {@code /btw}, {@code /status} and the other commands that do not wait act at once; anything else, {@code /exit}
 * included, waits, in order, until the turn ends. Piped input is taken strictly in order, line by line. One thread — this loop's — handles every line, turn end and approval question in the order
 * they happen ({@link Signal}).
 */
final class ChatLoop {
    private static final String BANNER_HINT = "/help lists the commands; Ctrl-C stops a turn, Ctrl-D quits.";

    /** What the loop reacts to. */
    private sealed interface Signal {
        record Line(String text) implements Signal {
        }

        record EndOfInput() implements Signal {
        }

        record TurnEnded(Conversation.Pending turn) implements Signal {
        }

        record Ask(Approver.ApprovalRequest request, CompletableFuture<Boolean> answer) implements Signal {
        }
    }

    private final Conversation conversation;
    private final SlashCommands commands;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final Deque<String> waiting = new ArrayDeque<>();
    private volatile Conversation.Pending running;
    private Signal.Ask asking;
    private boolean endOfInput;
    private boolean quitting;

    ChatLoop(Conversation conversation, SlashCommands commands, BufferedReader in, PrintStream out, PrintStream err,
             boolean interactive) {
        this.conversation = conversation;
        this.commands = commands;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    int run() throws InterruptedException {
        Interrupts.onCtrlC(() -> {
            if (!conversation.stop()) {
                err.println("\n(Ctrl-D or /exit quits)");
                prompt();
            }
        });
        err.println("JClaw chat - session " + conversation.key() + ", workspace " + conversation.workspace() + ". "
                + BANNER_HINT);
        Thread.ofVirtual().name("chat-input").start(this::readInput);
        prompt();
        while (true) {
            if (running == null && !waiting.isEmpty()) {
                handle(waiting.pollFirst());
            } else if (running == null && (endOfInput || quitting)) {
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
            case Signal.Line line when running != null && (!interactive || !commands.runsDuringTurn(line.text())) -> {
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
                running = null;
                asking = null;
                List<Steering.Message> late = ended.turn().unsteered();
                if (!late.isEmpty()) {
                    err.println("(" + late.size() + " /steer or /btw message" + (late.size() == 1 ? "" : "s")
                            + " came after the last step and did not reach the model; send it as a message)");
                }
                if (waiting.isEmpty() && !endOfInput && !quitting) {
                    prompt();
                }
            }
            case Signal.Ask ask -> {
                err.print("Allow " + ask.request().tool() + " " + ask.request().arguments() + "? [y/N] ");
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
        String a = text.strip();
        asking.answer().complete(a.equalsIgnoreCase("y") || a.equalsIgnoreCase("yes"));
        asking = null;
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
        switch (commands.handle(conversation, line)) {
            case SlashCommands.Outcome.Message m -> send(m.text());
            case SlashCommands.Outcome.Handled h -> {
                switch (h.result()) {
                    case CommandResult.Reply r -> err.println(r.text());
                    case CommandResult.Failed f -> err.println("jclaw: " + f.message());
                }
                if (!h.followUp().isEmpty()) {
                    send(h.followUp());
                } else if (running == null) {
                    prompt();
                }
            }
        }
    }

    private void send(String text) {
        boolean colour = interactive && System.getenv("NO_COLOR") == null;
        Conversation.Pending turn = conversation.send(text, new TerminalRenderer(out, err, colour), request -> {
            Signal.Ask ask = new Signal.Ask(request, new CompletableFuture<>());
            signals.add(ask);
            try {
                return ask.answer().get();
            } catch (ExecutionException e) {
                return false;
            }
        });
        running = turn;
        turn.end().whenComplete((end, failure) -> {
            if (failure != null) {
                err.println("jclaw: the turn failed: " + failure.getMessage());
            }
            signals.add(new Signal.TurnEnded(turn));
        });
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
