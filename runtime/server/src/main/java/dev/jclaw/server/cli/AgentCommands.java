package dev.jclaw.server.cli;

import dev.jclaw.server.wiring.Wiring;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.api.json.Json;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.memory.MemoryException;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.Conversation;
import dev.jclaw.agent.EventJson;
import dev.jclaw.server.wiring.Sandboxes;
import dev.jclaw.agent.command.SlashCommands;
import dev.jclaw.agent.memory.AgentMemory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code jclaw run} and {@code jclaw chat}: turns in this process, on the embedded default, with the plugins of the
 * plugins directory.
 */
final class AgentCommands {
    private final JClawConfig config;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    AgentCommands(JClawConfig config, BufferedReader in, PrintStream out, PrintStream err, boolean terminal) {
        this.config = config;
        this.in = in;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    private PluginHost startHost() {
        PluginHost host = new PluginHost(new HostSettings(config.plugins().dir(), config.dataDir(),
                config.plugins().startTimeout(), config.plugins().drainTimeout(), false,
                config.plugins()::configFor)
                .withSandbox(Sandboxes.open(config, Optional.of(text -> err.println("jclaw: " + text)))));
        host.start();
        return host;
    }

    /**
     * Opens memory for a terminal command and brings its index in step: a one-shot command waits for a rebuild
     * (showing its progress); a chat indexes the entries for full text at once and makes their vectors in the
     * background.
     *
     * @param background whether vectors may be made in the background
     * @return the memory, or null when it is off or cannot be opened (the turn goes on without it)
     */
    AgentMemory openMemory(boolean background) throws InterruptedException {
        AgentMemory memory;
        try {
            memory = Wiring.memory(config).orElse(null);
        } catch (MemoryException e) {
            err.println("jclaw: memory is off for this command: " + e.getMessage());
            return null;
        }
        if (memory != null) {
            try {
                if (background) {
                    if (memory.ensureIndexInBackground(n -> { })) {
                        err.println("jclaw: making the memory's vectors in the background; meanwhile it is"
                                + " searched by words");
                    }
                } else {
                    long rebuilt = memory.service().ensureIndex(n -> {
                        if (n % 1_000 == 0) {
                            err.print("\rrebuilding the memory index: " + n + " entries");
                            err.flush();
                        }
                    });
                    if (rebuilt >= 1_000) {
                        err.println("\rrebuilt the memory index: " + rebuilt + " entries");
                    }
                }
            } catch (MemoryException e) {
                err.println("jclaw: memory search is degraded: " + e.getMessage());
            }
        }
        return memory;
    }

    /** @return the prompt of {@code jclaw run}: its words, or standard input for {@code -} */
    static String prompt(TurnOptions options, BufferedReader in) throws UsageException, IOException {
        if (options.words().isEmpty()) {
            throw new UsageException("run needs a prompt, e.g. jclaw run \"summarise notes.md\", or - to read it"
                    + " from standard input");
        }
        return options.promptFromStdin() ? StdinPrompt.read(in) : String.join(" ", options.words());
    }

    int run(TurnOptions options) throws Exception {
        String prompt = prompt(options, in);
        try (SessionStore sessions = Wiring.sessions(config); PluginHost host = startHost();
             AgentMemory memory = openMemory(false); AgentRuntime runtime = Wiring.runtime(config, host, sessions,
                memory)) {
            Conversation conversation = runtime.conversation(options.session(),
                    new AgentRuntime.Options(options.model(), options.workspace(), options.approval()));
            if (runtime.commands().handle(conversation, prompt) instanceof SlashCommands.Outcome.Handled h) {
                if (h.followUp().isEmpty() || !(h.result() instanceof CommandResult.Reply)) {
                    return print(h.result(), options.json(), out);
                }
                print(h.result(), options.json(), err); // e.g. /new, then the prompt after it in the new conversation
                prompt = h.followUp();
            } else if (!options.continues() && conversation.header().leaf().isPresent()) {
                // a one-shot question starts afresh; the earlier conversation stays in /history (and --continue)
                conversation.rotate();
            }
            RunApprovals approvals = new RunApprovals(in, err, terminal);
            Consumer<AgentEvent> shown = options.json()
                    ? e -> {
                        out.println(Json.write(EventJson.of(e)));
                        out.flush();
                    }
                    : new TerminalRenderer(out, err, false);
            // the turn that stopped for want of an approver ends as aborted: say why instead of "interrupted"
            Consumer<AgentEvent> events = e -> {
                if (!(e instanceof AgentEvent.Failed && approvals.unasked().isPresent()) || options.json()) {
                    shown.accept(e);
                }
            };
            AgentEvent end = conversation.send(prompt, events, approvals).end().join();
            if (approvals.unasked().isPresent()) {
                err.println("jclaw: " + RunApprovals.hint(approvals.unasked().get()));
                return Cli.EXIT_NEEDS_APPROVAL;
            }
            return end instanceof AgentEvent.Done ? 0 : 1;
        }
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

    int chat(TurnOptions options) throws Exception {
        try (SessionStore sessions = Wiring.sessions(config); PluginHost host = startHost();
             AgentMemory memory = openMemory(true); AgentRuntime runtime = Wiring.runtime(config, host, sessions,
                memory)) {
            Conversation conversation = runtime.conversation(options.session(),
                    new AgentRuntime.Options(options.model(), options.workspace(), options.approval()));
            return new ChatLoop(conversation, runtime.commands(), in, out, err, terminal).run();
        }
    }
}
