package dev.jclaw.core.approval;

import dev.jclaw.api.tool.ToolClass;
import java.util.Locale;

/**
 * Which tool calls need a person's yes. Decided from the tool's class as its plugin declares it, never from
 * anything the model sends, so a model cannot talk its way past it.
 */
public enum ApprovalPolicy {
    /** Every call runs without asking ("yolo"). */
    NEVER,
    /** Calls of write-class tools (files written, commands run) ask first; reads run. */
    WRITES,
    /** Every call asks first. */
    ALL;

    /**
     * Tells whether a call of a tool of this class must ask.
     *
     * @param toolClass the tool's class
     * @return whether to ask
     */
    public boolean asks(ToolClass toolClass) {
        return switch (this) {
            case NEVER -> false;
            case WRITES -> toolClass == ToolClass.WRITE;
            case ALL -> true;
        };
    }

    /**
     * Parses {@code never}, {@code writes} or {@code all}.
     *
     * @param text the text
     * @return the policy
     * @throws IllegalArgumentException naming the allowed values
     */
    public static ApprovalPolicy parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("approval must be never, writes or all, got '" + text + "'", e);
        }
    }
}
