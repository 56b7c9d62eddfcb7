package dev.jclaw.api.command;

import java.util.Objects;

/**
 * One use of a slash command.
 *
 * @param sessionKey the stable address of the conversation it was typed in
 * @param arguments the text after the command name, stripped; empty when none
 * @since 0.1
 */
public record CommandContext(String sessionKey, String arguments) {
    /** Checks the fields. */
    public CommandContext {
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(arguments, "arguments");
    }
}
