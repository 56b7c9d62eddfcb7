package dev.jclaw.core.approval;

import dev.jclaw.api.gateway.UserId;
import java.util.Objects;

/** How a pending approval ended. Handle it with an exhaustive {@code switch}. */
public sealed interface Decision {

    /**
     * Someone answered.
     *
     * @param by who answered
     * @param admin whether they answered as an admin for another user's turn
     * @param approved yes or no
     * @param channel where the answer came from, e.g. {@code web}, {@code api}, {@code feishu}, or
     *                {@value Approvals#PROMPT} for the turn's own blocking prompt
     */
    record Answered(UserId by, boolean admin, boolean approved, String channel) implements Decision {
        /** Checks the fields. */
        public Answered {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(channel, "channel");
        }
    }

    /** Nobody answered before the deadline: the call is refused. */
    record Expired() implements Decision {
    }

    /**
     * The turn was aborted while it waited (or the channel that asks could not ask): the call is refused and the
     * turn ends.
     *
     * @param reason why, one sentence
     */
    record Aborted(String reason) implements Decision {
        /** Checks the fields. */
        public Aborted {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Tells whether the call may run.
     *
     * @return true only for an approving answer
     */
    default boolean approved() {
        return this instanceof Answered a && a.approved();
    }
}
