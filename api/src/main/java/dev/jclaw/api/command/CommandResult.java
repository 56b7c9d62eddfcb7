package dev.jclaw.api.command;

import java.util.Objects;

/**
 * What a slash command answers.
 *
 * @since 0.1
 */
public sealed interface CommandResult {

    /**
     * The command ran; the text is shown to the user.
     *
     * @param text the reply
     * @since 0.1
     */
    record Reply(String text) implements CommandResult {
        /** Checks the text. */
        public Reply {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The command could not run; the message says why and what to type instead.
     *
     * @param message the message
     * @since 0.1
     */
    record Failed(String message) implements CommandResult {
        /** Checks the message. */
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }
}
