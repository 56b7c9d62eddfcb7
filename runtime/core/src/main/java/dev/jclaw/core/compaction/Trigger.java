package dev.jclaw.core.compaction;

/** Why a compaction was started; it is logged, and the caller may show it. */
public enum Trigger {
    /** The history would exceed its token budget. */
    BUDGET,
    /** The provider refused the prompt as larger than its context window. */
    OVERFLOW,
    /** The user asked for it ({@code /compact [focus]}). */
    COMMAND
}
