package dev.jclaw.core.loop;

import java.time.Duration;

/**
 * The limits and small policies a turn runs under.
 *
 * @param turnTimeout the whole turn, tools and waits for approval included
 * @param idleTimeout the longest gap between two chunks of a model stream
 * @param toolTimeout one tool call
 * @param toolOutputChars the most characters of one tool result the model reads
 * @param steps the step budget
 * @param unknownTools the unknown-tool guard
 * @param emptyAnswers the empty-answer retry
 * @param retry the model retry policy
 */
public record TurnLimits(Duration turnTimeout, Duration idleTimeout, Duration toolTimeout, int toolOutputChars,
                         StepBudget steps, UnknownToolGuard unknownTools, EmptyAnswerRetry emptyAnswers,
                         ModelRetry retry) {
    /** Defaults: 30 min per turn, 120 s idle gap, 10 min per tool call, 30,000 characters per result. */
    public static final TurnLimits DEFAULT = new TurnLimits(Duration.ofMinutes(30), Duration.ofSeconds(120),
            Duration.ofMinutes(10), 30_000, StepBudget.DEFAULT, UnknownToolGuard.DEFAULT, EmptyAnswerRetry.DEFAULT,
            ModelRetry.DEFAULT);

    /**
     * Returns a copy with other timeouts.
     *
     * @param turn the whole turn
     * @param idle the gap between chunks
     * @param tool one tool call
     * @return the limits
     */
    public TurnLimits withTimeouts(Duration turn, Duration idle, Duration tool) {
        return new TurnLimits(turn, idle, tool, toolOutputChars, steps, unknownTools, emptyAnswers, retry);
    }

    /**
     * Returns a copy with another step budget.
     *
     * @param budget the budget
     * @return the limits
     */
    public TurnLimits withSteps(StepBudget budget) {
        return new TurnLimits(turnTimeout, idleTimeout, toolTimeout, toolOutputChars, budget, unknownTools,
                emptyAnswers, retry);
    }

    /**
     * Returns a copy with another retry policy.
     *
     * @param policy the policy
     * @return the limits
     */
    public TurnLimits withRetry(ModelRetry policy) {
        return new TurnLimits(turnTimeout, idleTimeout, toolTimeout, toolOutputChars, steps, unknownTools,
                emptyAnswers, policy);
    }
}
