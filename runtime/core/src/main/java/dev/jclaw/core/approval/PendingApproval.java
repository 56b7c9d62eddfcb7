package dev.jclaw.core.approval;

import dev.jclaw.api.gateway.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A tool call waiting for a person's yes or no, as every channel and the audit log see it.
 *
 * @param id the approval's id, what an answer names
 * @param sessionKey the conversation whose turn waits
 * @param originator the user who started the turn: with an admin, the only one who may answer
 * @param callId the model's id of the call
 * @param tool the tool's name
 * @param argumentsDigest the SHA-256 of the arguments' JSON text (UTF-8), lower-case hex, for the audit log
 * @param argumentsPreview the arguments' JSON text cut to {@link Approvals#PREVIEW_CHARS}, for display
 * @param created when it was asked
 * @param deadline when it is refused if nobody answered
 */
public record PendingApproval(ApprovalId id, String sessionKey, UserId originator, String callId, String tool,
                              String argumentsDigest, String argumentsPreview, Instant created, Instant deadline) {
    /** Checks the fields. */
    public PendingApproval {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sessionKey, "sessionKey");
        Objects.requireNonNull(originator, "originator");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(argumentsDigest, "argumentsDigest");
        Objects.requireNonNull(argumentsPreview, "argumentsPreview");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(deadline, "deadline");
    }
}
