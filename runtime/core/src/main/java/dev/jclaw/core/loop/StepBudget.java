package dev.jclaw.core.loop;

/**
 * How many model requests one turn may make. A model that keeps calling tools is stopped, with its work kept.
 *
 * @param maxSteps the most model requests per turn
 */
public record StepBudget(int maxSteps) {
    /** The default: 50 steps. */
    public static final StepBudget DEFAULT = new StepBudget(50);

    /** Checks the budget. */
    public StepBudget {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("the step budget must be at least 1");
        }
    }

    /**
     * Tells whether another step may start.
     *
     * @param stepsTaken the steps already taken
     * @return whether one more is allowed
     */
    public boolean allows(int stepsTaken) {
        return stepsTaken < maxSteps;
    }

    /** @return the message when the budget is spent */
    public String exhausted() {
        return "stopped after " + maxSteps + " steps without a final answer; say 'continue' to go on";
    }
}
