package dev.jclaw.api.command;

/**
 * A slash command such as {@code /weather}.
 *
 * @since 0.1
 */
public interface Command {

    /**
     * The name without the slash: lower-case letters, digits and dashes.
     *
     * @return the name
     */
    String name();

    /**
     * One line for {@code /help}.
     *
     * @return the description
     */
    String description();

    /**
     * Runs the command.
     *
     * @param context the session and arguments
     * @return the reply
     */
    CommandResult execute(CommandContext context);
}
