package dev.jclaw.core.approval;

/** What {@link Approvals#ask} ended with. Handle it with an exhaustive {@code switch}. */
public sealed interface AskOutcome {
    /**
     * The approval was asked and settled.
     *
     * @param approval what was asked
     * @param decision how it ended
     */
    record Settled(PendingApproval approval, Decision decision) implements AskOutcome {
    }

    /**
     * Nothing was asked: too many approvals already wait.
     *
     * @param reason the sentence for the model
     */
    record Refused(String reason) implements AskOutcome {
    }
}
