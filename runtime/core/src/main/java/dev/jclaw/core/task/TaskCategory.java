package dev.jclaw.core.task;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What kind of work a task is, for listing and for per-category concurrency limits: a lower-case word of 1 to 32
 * letters, digits or dashes starting with a letter. The runtime's own kinds are constants; plugins may name others.
 *
 * @param value the category
 */
public record TaskCategory(String value) {
    // before the constants, which need it
    private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** Archiving finished conversations. */
    public static final TaskCategory ARCHIVE = new TaskCategory("archive");
    /** Extracting memories from a conversation. */
    public static final TaskCategory EXTRACTION = new TaskCategory("extraction");
    /** The memory curator's periodic pass. */
    public static final TaskCategory CURATOR = new TaskCategory("curator");
    /** Supervising an MCP server connection. */
    public static final TaskCategory MCP = new TaskCategory("mcp");
    /** Housekeeping: clean-ups, compaction, expiry. */
    public static final TaskCategory MAINTENANCE = new TaskCategory("maintenance");

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when the value is not a lower-case word of 1 to 32 characters
     */
    public TaskCategory {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a task category is a lower-case letter followed by up to 31 letters,"
                    + " digits or dashes, e.g. archive; got " + Lines.quote(value));
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
