package dev.jclaw.api.gateway;

import java.time.Instant;
import java.util.Objects;

/**
 * A tool call waiting for a yes, as listed to the user who may answer it.
 *
 * @param approvalId the id to answer
 * @param owner the user who started the turn
 * @param conversation the conversation it belongs to
 * @param tool the tool
 * @param arguments the arguments (JSON text), cut to a preview
 * @param deadline when it is refused unanswered
 * @since 1.3
 */
public record PendingApproval(String approvalId, UserId owner, ConversationId conversation, String tool,
                              String arguments, Instant deadline) {

    /** Checks the fields. */
    public PendingApproval {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(deadline, "deadline");
    }
}
