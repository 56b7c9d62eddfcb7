package dev.jclaw.api.tool;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One call of a tool.
 *
 * <p>The call runs on its own virtual thread; when the deadline passes or the turn is aborted the thread is
 * interrupted, so long-running tools should check {@link Thread#interrupted()} or use interruptible I/O.
 *
 * @param callId the model's id for the call
 * @param arguments the arguments, already parsed from the model's JSON text
 * @param workspace the directory the tool is confined to; it exists and is a real path
 * @param sessionKey the stable address of the conversation, e.g. {@code cli:alice}
 * @param deadline when the host stops waiting for the call
 * @since 0.1
 */
public record ToolContext(String callId, JsonObject arguments, Path workspace, String sessionKey, Instant deadline) {
    /** Checks the fields. */
    public ToolContext {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(deadline, "deadline");
    }
}
