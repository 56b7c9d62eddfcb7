package dev.jclaw.core.task;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A task within one {@link TaskManager}: {@code t} and up to 12 lower-case base-36 digits, e.g. {@code t1z}; short
 * enough to type in {@code /tasks cancel t1z}. Ids are not reused while the manager lives.
 *
 * @param value the id
 */
public record TaskId(String value) {
    private static final Pattern FORM = Pattern.compile("t[0-9a-z]{1,12}");

    /**
     * Checks the form.
     *
     * @throws IllegalArgumentException when the value is not {@code t} and 1 to 12 base-36 digits
     */
    public TaskId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a task id is 't' and 1 to 12 lower-case letters or digits, e.g. t1z;"
                    + " got " + Lines.quote(value));
        }
    }

    static TaskId of(long sequence) {
        return new TaskId("t" + Long.toString(sequence, 36));
    }

    @Override
    public String toString() {
        return value;
    }
}
