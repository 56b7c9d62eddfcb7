package dev.jclaw.core.loop;

/**
 * What to do when the model ends a step with neither text nor tool calls: nudge it, a bounded number of times.
 *
 * @param maxRetries how many nudges per turn
 */
public record EmptyAnswerRetry(int maxRetries) {
    /** The default: one nudge. */
    public static final EmptyAnswerRetry DEFAULT = new EmptyAnswerRetry(1);

    /** The text of the nudge, sent as a user message. */
    public static final String NUDGE = "Your last reply was empty. Continue the task, or answer the user.";

    /** Checks the limit. */
    public EmptyAnswerRetry {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("empty-answer retries must not be negative");
        }
    }

    /**
     * Tells whether to nudge again.
     *
     * @param done the nudges already sent this turn
     * @return whether to nudge
     */
    public boolean retry(int done) {
        return done < maxRetries;
    }
}
