package dev.jclaw.agent.command;

import dev.jclaw.api.command.CommandContext;
import dev.jclaw.api.command.CommandResult;
import dev.jclaw.host.CommandRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The slash commands every channel asks before a message goes to the model: the built-in ones, then the plugins'.
 * A line that names no command — {@code /etc/hosts is missing}, an unknown {@code /frobnicate} — is an ordinary
 * message and goes to the model as it is. Commands never reach the model.
 *
 * <p>A built-in command marked idle-only ({@code /new}, {@code /compact}, …) refuses to run while a turn runs and
 * says so. A plugin command runs on its own virtual thread with a deadline; one that throws or overruns becomes a
 * failure with one sentence, and the conversation goes on.
 *
 * <p>Thread-safety: safe for concurrent use; the commands themselves wait for a conversation's turn where they
 * must.
 */
public final class SlashCommands {
    private static final System.Logger LOG = System.getLogger(SlashCommands.class.getName());
    /** How long a plugin's command may take. */
    static final Duration PLUGIN_DEADLINE = Duration.ofSeconds(30);
    private static final Pattern COMMAND = Pattern.compile("/([a-z][a-z0-9_-]{0,31})(?:\\s+(.*))?", Pattern.DOTALL);

    /** The built-in commands that are not idle-only; SlashCommandsTest holds it to the table. */
    private static final Set<String> DURING_TURN = Set.of("status", "history", "model", "stop", "steer", "btw",
            "context", "tools", "tasks", "memory", "help");

    private final Map<String, SlashCommand> builtins = new LinkedHashMap<>();
    private final CommandRegistry plugins;
    private final Duration pluginDeadline;

    /**
     * What a line typed in a conversation turned out to be.
     */
    public sealed interface Outcome {
        /**
         * Not a command: the line goes to the model.
         *
         * @param text the line
         */
        record Message(String text) implements Outcome {
        }

        /**
         * A command ran.
         *
         * @param result its reply or failure
         * @param followUp a message to send into the conversation next (e.g. the text after {@code /new}), or empty
         */
        record Handled(CommandResult result, String followUp) implements Outcome {
        }
    }

    SlashCommands(List<SlashCommand> commands, CommandRegistry plugins, Duration pluginDeadline) {
        for (SlashCommand command : commands) {
            if (builtins.putIfAbsent(command.name(), command) != null) {
                throw new IllegalArgumentException("two built-in commands named /" + command.name());
            }
        }
        this.plugins = plugins;
        this.pluginDeadline = pluginDeadline;
    }

    /**
     * Creates the registry with every built-in command.
     *
     * @param context what the built-in commands need
     * @return the registry
     */
    public static SlashCommands standard(CommandServices context) {
        List<SlashCommand> all = new ArrayList<>();
        all.addAll(SessionCommands.all(context));
        all.addAll(TurnCommands.all(context));
        all.add(MemoryCommands.command(context));
        SlashCommands[] self = new SlashCommands[1];
        all.add(new SlashCommand("help", "", "this list", false, (c, args) -> self[0].help()));
        self[0] = new SlashCommands(all, context.host().commands(), PLUGIN_DEADLINE);
        return self[0];
    }

    /**
     * Handles a line typed in a conversation.
     *
     * @param conversation where it was typed
     * @param line the line
     * @return a message for the model, or what the command did
     */
    public Outcome handle(CommandTarget conversation, String line) {
        Matcher m = COMMAND.matcher(line.strip());
        if (!m.matches()) {
            return new Outcome.Message(line);
        }
        String name = m.group(1);
        String args = m.group(2) == null ? "" : m.group(2).strip();
        SlashCommand builtin = builtins.get(name);
        if (builtin != null) {
            return runBuiltin(builtin, conversation, args);
        }
        if (plugins.list().stream().anyMatch(spec -> spec.name().equals(name))) {
            return new Outcome.Handled(runPlugin(name, conversation.key(), args), "");
        }
        return new Outcome.Message(line);
    }

    /**
     * Says whether a command may run while a turn runs in the conversation, so a channel can handle it at once
     * instead of queueing it behind the turn.
     *
     * @param line the line
     * @return true for a command that does not wait for the turn ({@code /stop}, {@code /steer}, {@code /status}, …)
     */
    public boolean runsDuringTurn(String line) {
        Matcher m = COMMAND.matcher(line.strip());
        if (!m.matches()) {
            return false;
        }
        SlashCommand builtin = builtins.get(m.group(1));
        return builtin != null && !builtin.idleOnly();
    }

    /**
     * Says, without a registry at hand, whether a line is a built-in command that runs while a turn runs: what a
     * client of a server (the terminal beside or far from one) needs to act on it at once rather than queue it
     * behind the turn. The same as {@link #runsDuringTurn} of the {@link #standard} commands; plugin commands wait.
     *
     * @param line the line
     * @return true for {@code /stop}, {@code /steer}, {@code /status}, …
     */
    public static boolean runsDuringAnyTurn(String line) {
        Matcher m = COMMAND.matcher(line.strip());
        return m.matches() && DURING_TURN.contains(m.group(1));
    }

    private Outcome runBuiltin(SlashCommand command, CommandTarget conversation, String args) {
        if (command.idleOnly() && conversation.turnRunning()) {
            return new Outcome.Handled(new CommandResult.Failed("/" + command.name() + " cannot run during a turn:"
                    + " wait for the answer, or /stop it first"), "");
        }
        try {
            CommandResult result = command.body().run(conversation, args);
            String followUp = command.name().equals("new") || command.name().equals("reset") ? args : "";
            return new Outcome.Handled(result, result instanceof CommandResult.Reply ? followUp : "");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "/" + command.name() + " failed in " + conversation.key(), e);
            return new Outcome.Handled(new CommandResult.Failed("/" + command.name() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())), "");
        }
    }

    private CommandResult runPlugin(String name, String sessionKey, String args) {
        CompletableFuture<Optional<CommandResult>> call = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("command-" + name).start(() -> {
            try {
                call.complete(plugins.run(name, new CommandContext(sessionKey, args)));
            } catch (RuntimeException | Error e) {
                call.completeExceptionally(e);
            }
        });
        try {
            return call.get(pluginDeadline.toMillis(), TimeUnit.MILLISECONDS)
                    .orElse(new CommandResult.Failed("/" + name + " is no longer offered (its plugin was unloaded)"));
        } catch (TimeoutException e) {
            thread.interrupt();
            LOG.log(System.Logger.Level.WARNING, "/" + name + " overran its " + pluginDeadline.toSeconds()
                    + " s deadline in " + sessionKey);
            return new CommandResult.Failed("/" + name + " did not answer within " + pluginDeadline.toSeconds()
                    + " s");
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "/" + name + " failed in " + sessionKey, e.getCause());
            return new CommandResult.Failed("/" + name + " failed: " + e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            return new CommandResult.Failed("/" + name + " was interrupted");
        }
    }

    private static String head(SlashCommand c) {
        return "/" + c.name() + (c.usage().isEmpty() ? "" : " " + c.usage());
    }

    private CommandResult help() {
        StringBuilder out = new StringBuilder("Commands (* waits until no turn runs):\n");
        List<CommandRegistry.CommandSpec> offered = plugins.list().stream()
                .filter(spec -> !builtins.containsKey(spec.name())).toList();
        // one column for the built-in and the plugins' commands alike, as wide as the longest of them
        int width = Math.max(builtins.values().stream().mapToInt(c -> head(c).length()).max().orElse(0),
                offered.stream().mapToInt(spec -> spec.name().length() + 1).max().orElse(0));
        String row = "  %-" + width + "s  %s%s%n";
        for (SlashCommand c : builtins.values()) {
            out.append(String.format(row, head(c), c.help(), c.idleOnly() ? " *" : ""));
        }
        if (!offered.isEmpty()) {
            out.append("From plugins:\n");
            for (CommandRegistry.CommandSpec spec : offered) {
                out.append(String.format(row, "/" + spec.name(), spec.description(), " (" + spec.pluginId() + ")"));
            }
        }
        out.append("Any other text, /unknown words included, goes to the model.");
        return new CommandResult.Reply(out.toString());
    }
}
