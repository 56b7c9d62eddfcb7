package dev.jclaw.server.cli;

import dev.jclaw.host.PluginHost;
import dev.jclaw.host.ToolSpec;
import dev.jclaw.server.agent.Conversation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The interactive terminal session: streaming answers, tool calls as they run, a y/n prompt for approvals, slash
 * commands, and Ctrl-C that aborts the running turn rather than the program.
 */
final class ChatLoop {
    private static final String HELP = """
            /new      start a new conversation (the old one is set aside)
            /tools    list the tools
            /help     this help
            /exit     quit (or Ctrl-D)
            Ctrl-C aborts the running turn.""";

    private final Conversation conversation;
    private final PluginHost host;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final AtomicReference<Conversation.Pending> running = new AtomicReference<>();

    ChatLoop(Conversation conversation, PluginHost host, BufferedReader in, PrintStream out, PrintStream err) {
        this.conversation = conversation;
        this.host = host;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException {
        Interrupts.onCtrlC(() -> {
            Conversation.Pending turn = running.get();
            if (turn != null) {
                turn.abort();
            } else {
                err.print("\n(Ctrl-D or /exit quits)\n> ");
                err.flush();
            }
        });
        err.println("JClaw chat - session " + conversation.key() + ", workspace " + conversation.workspace()
                + ". /help for commands.");
        boolean colour = System.console() != null && System.getenv("NO_COLOR") == null;
        while (true) {
            err.print("> ");
            err.flush();
            String line = in.readLine();
            if (line == null) {
                err.println();
                return 0;
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("/")) {
                if (!command(line)) {
                    return 0;
                }
                continue;
            }
            Conversation.Pending turn = conversation.send(line, new TerminalRenderer(out, err, colour),
                    AgentCommands.prompting(in, err));
            running.set(turn);
            try {
                turn.end().join();
            } finally {
                running.set(null);
            }
        }
    }

    /** @return false to quit */
    private boolean command(String line) {
        String name = line.split("\\s+", 2)[0];
        switch (name) {
            case "/exit", "/quit" -> {
                return false;
            }
            case "/new" -> {
                conversation.rotate();
                err.println("(new conversation " + conversation.sessionId() + ")");
            }
            case "/tools" -> host.tools().list().stream().map(ToolSpec::name).sorted()
                    .forEach(t -> err.println("  " + t));
            case "/help" -> err.println(HELP);
            default -> err.println("unknown command " + name + "; /help lists them");
        }
        return true;
    }
}
