package dev.jclaw.api.tool;

import java.util.Objects;

/**
 * The outcome of a tool call, read by the model. Handle it with an exhaustive {@code switch}:
 *
 * <pre>{@code
 * String shown = switch (result) {
 *     case ToolResult.Ok ok -> ok.content();
 *     case ToolResult.Failed failed -> "error: " + failed.message();
 *     case ToolResult.Denied denied -> "denied: " + denied.reason();
 * };
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface ToolResult {

    /**
     * The call succeeded.
     *
     * @param content what the model reads
     * @since 0.1
     */
    record Ok(String content) implements ToolResult {
        /** Checks the content. */
        public Ok {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * The call failed; the message tells the model what was wrong and, where it can, what to do instead.
     *
     * @param message one or two sentences
     * @since 0.1
     */
    record Failed(String message) implements ToolResult {
        /** Checks the message. */
        public Failed {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The call was not run: refused by a policy, a hook or a person.
     *
     * @param reason why
     * @since 0.1
     */
    record Denied(String reason) implements ToolResult {
        /** Checks the reason. */
        public Denied {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Shorthand for {@link Ok}.
     *
     * @param content what the model reads
     * @return the result
     */
    static ToolResult ok(String content) {
        return new Ok(content);
    }

    /**
     * Shorthand for {@link Failed}.
     *
     * @param message what went wrong
     * @return the result
     */
    static ToolResult failed(String message) {
        return new Failed(message);
    }
}
