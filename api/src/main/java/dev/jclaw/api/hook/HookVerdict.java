package dev.jclaw.api.hook;

import dev.jclaw.api.json.JsonObject;
import java.util.Objects;

/**
 * A hook's decision about a tool call.
 *
 * @since 0.1
 */
public sealed interface HookVerdict {

    /** Go on unchanged. */
    HookVerdict PROCEED = new Proceed();

    /**
     * Go on unchanged.
     *
     * @since 0.1
     */
    record Proceed() implements HookVerdict {
    }

    /**
     * Go on with these arguments instead.
     *
     * @param arguments the replacement arguments
     * @since 0.1
     */
    record Replace(JsonObject arguments) implements HookVerdict {
        /** Checks the arguments. */
        public Replace {
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    /**
     * Do not run the call; the model reads the reason.
     *
     * @param reason why
     * @since 0.1
     */
    record Block(String reason) implements HookVerdict {
        /** Checks the reason. */
        public Block {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
