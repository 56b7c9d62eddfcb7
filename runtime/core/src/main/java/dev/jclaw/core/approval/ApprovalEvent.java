package dev.jclaw.core.approval;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * What the approval machinery reports for the audit log: every request, every decision, and every call refused
 * without asking. Handle it with an exhaustive {@code switch}.
 */
public sealed interface ApprovalEvent {

    /**
     * A call now waits for an answer.
     *
     * @param approval the pending approval
     */
    record Requested(PendingApproval approval) implements ApprovalEvent {
        /** Checks the fields. */
        public Requested {
            Objects.requireNonNull(approval, "approval");
        }
    }

    /**
     * A pending approval was settled: answered (by whom, yes or no), expired, or aborted with its turn.
     *
     * @param approval the approval
     * @param decision how it ended
     * @param at when
     */
    record Decided(PendingApproval approval, Decision decision, Instant at) implements ApprovalEvent {
        /** Checks the fields. */
        public Decided {
            Objects.requireNonNull(approval, "approval");
            Objects.requireNonNull(decision, "decision");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * A call was refused without anyone being asked: by the user's tier, or because too many approvals already
     * waited.
     *
     * @param sessionKey the conversation
     * @param user the user whose turn it was
     * @param tier the turn's tier
     * @param tool the tool's name
     * @param argumentsDigest the SHA-256 of the arguments' JSON text, lower-case hex
     * @param reason the sentence the model read
     * @param at when
     */
    record Refused(String sessionKey, UserId user, Tier tier, String tool, String argumentsDigest, String reason,
                   Instant at) implements ApprovalEvent {
        /** Checks the fields. */
        public Refused {
            Objects.requireNonNull(sessionKey, "sessionKey");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(argumentsDigest, "argumentsDigest");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }
}
