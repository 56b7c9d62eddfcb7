package dev.jclaw.agent.command;

import dev.jclaw.api.command.CommandResult;
import java.util.Objects;

/**
 * A built-in slash command.
 *
 * @param name the name, without the slash
 * @param usage the arguments it takes, e.g. {@code [focus]}; empty when none
 * @param help one line for {@code /help}
 * @param idleOnly whether it refuses to run while a turn runs in the conversation
 * @param body what it does
 */
record SlashCommand(String name, String usage, String help, boolean idleOnly, Body body) {
    /** Checks the fields. */
    SlashCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(body, "body");
    }

    /** What a command does. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the command.
         *
         * @param conversation the conversation it was typed in
         * @param args the text after the name, stripped; may be empty
         * @return its reply, or a failure with one sentence on what to do
         */
        CommandResult run(CommandTarget conversation, String args);
    }

    /** @return a usage failure naming the command and its arguments */
    CommandResult usageError() {
        return new CommandResult.Failed("usage: /" + name + (usage.isEmpty() ? "" : " " + usage));
    }
}
