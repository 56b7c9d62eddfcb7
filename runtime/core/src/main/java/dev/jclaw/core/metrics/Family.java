package dev.jclaw.core.metrics;

/** One metric family of a registry: its HELP and TYPE lines and its series. */
sealed interface Family permits Counter, Gauge {
    /**
     * Appends the family in the text exposition format 0.0.4.
     *
     * @param out where to append
     */
    void render(StringBuilder out);
}
