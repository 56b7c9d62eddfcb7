package dev.jclaw.core.loop;

import java.util.List;

/**
 * Stops a turn whose model keeps calling tools that do not exist. Names are compared whole, so namespaced names
 * such as {@code server:tool} or {@code server__tool} count as the tools they are. One model step that calls only
 * unknown tools is a strike; a step with any known tool resets the count.
 *
 * @param maxStrikes how many such steps in a row end the turn
 */
public record UnknownToolGuard(int maxStrikes) {
    /** The default: three steps in a row. */
    public static final UnknownToolGuard DEFAULT = new UnknownToolGuard(3);

    /** Checks the limit. */
    public UnknownToolGuard {
        if (maxStrikes < 1) {
            throw new IllegalArgumentException("the unknown-tool limit must be at least 1");
        }
    }

    /**
     * Counts one step.
     *
     * @param strikes the strikes so far
     * @param known for each call of the step, whether its tool existed
     * @return the new count of strikes
     */
    public int count(int strikes, List<Boolean> known) {
        return known.isEmpty() || known.contains(Boolean.TRUE) ? 0 : strikes + 1;
    }

    /**
     * Tells whether the turn must stop.
     *
     * @param strikes the strikes so far
     * @return whether to stop
     */
    public boolean exhausted(int strikes) {
        return strikes >= maxStrikes;
    }

    /** @return the message when it stops a turn */
    public String message() {
        return "stopped: the model called tools that do not exist " + maxStrikes + " times in a row";
    }
}
