package dev.jclaw.server.cli;

import dev.jclaw.api.json.Json;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.config.JClawConfig;
import dev.jclaw.core.loop.AgentEvent;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.host.HostSettings;
import dev.jclaw.store.jdbc.JdbcSessionStore;
import dev.jclaw.host.PluginHost;
import dev.jclaw.server.agent.AgentRuntime;
import dev.jclaw.server.agent.Conversation;
import dev.jclaw.server.agent.EventJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
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

    AgentCommands(JClawConfig config, BufferedReader in, PrintStream out, PrintStream err) {
        this.config = config;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    private PluginHost startHost() {
        PluginHost host = new PluginHost(new HostSettings(config.plugins().dir(), config.dataDir(),
                config.plugins().startTimeout(), config.plugins().drainTimeout(), false,
                config.plugins()::configFor));
        host.start();
        return host;
    }

    private SessionStore openSessions() throws IOException {
        java.nio.file.Files.createDirectories(config.dataDir());
        return JdbcSessionStore.h2(config.dataDir());
    }

    int run(TurnOptions options) throws Exception {
        if (options.words().isEmpty()) {
            throw new UsageException("run needs a prompt, e.g. jclaw run \"summarise notes.md\"");
        }
        String prompt = String.join(" ", options.words());
        try (SessionStore sessions = openSessions(); PluginHost host = startHost()) {
            Conversation conversation = AgentRuntime.openAi(config, host, sessions).conversation(options.session(),
                    new AgentRuntime.Options(options.model(), options.workspace(), options.approval()));
            Consumer<AgentEvent> events = options.json()
                    ? e -> {
                        out.println(Json.write(EventJson.of(e)));
                        out.flush();
                    }
                    : new TerminalRenderer(out, err, false);
            // nobody to ask in a one-shot run: calls that need approval are refused unless --yes
            AgentEvent end = conversation.send(prompt, events, Approver.DENY_ALL).end().join();
            return end instanceof AgentEvent.Done ? 0 : 1;
        }
    }

    int chat(TurnOptions options) throws Exception {
        try (SessionStore sessions = openSessions(); PluginHost host = startHost()) {
            Conversation conversation = AgentRuntime.openAi(config, host, sessions).conversation(options.session(),
                    new AgentRuntime.Options(options.model(), options.workspace(), options.approval()));
            return new ChatLoop(conversation, host, in, out, err).run();
        }
    }

    static Approver prompting(BufferedReader in, PrintStream err) {
        // a read of a terminal cannot be interrupted: wait for a typed line instead, so that Ctrl-C ends the turn
        boolean terminal = System.console() != null && System.console().isTerminal();
        return request -> {
            synchronized (in) {
                err.print("Allow " + request.tool() + " " + request.arguments() + "? [y/N] ");
                err.flush();
                try {
                    while (terminal && !in.ready()) {
                        Thread.sleep(20);
                    }
                    String answer = in.readLine();
                    return answer != null && (answer.strip().equalsIgnoreCase("y")
                            || answer.strip().equalsIgnoreCase("yes"));
                } catch (IOException e) {
                    return false;
                }
            }
        };
    }
}
