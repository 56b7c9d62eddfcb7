package dev.jclaw.core.task;

import java.util.Objects;

/**
 * What a task is called, what kind it is, and whom it belongs to.
 *
 * <pre>{@code
 * new TaskSpec("archive cli:alice", TaskCategory.ARCHIVE, new TaskOwner("cli:alice"));
 * }</pre>
 *
 * @param name a name for people, 1 to {@value #MAX_NAME} characters on one printable line, neither starting nor
 *     ending with a space
 * @param category the kind of work
 * @param owner whom it belongs to
 */
public record TaskSpec(String name, TaskCategory category, TaskOwner owner) {
    /** The longest name, in characters. */
    public static final int MAX_NAME = 120;

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the name is blank, too long or not one printable line
     */
    public TaskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(owner, "owner");
        String problem = name.isBlank() ? "is blank"
                : name.length() > MAX_NAME ? "is longer than " + MAX_NAME + " characters"
                : Lines.hasUnprintable(name) ? "holds a control character, a line break or a broken surrogate pair"
                : !name.strip().equals(name) ? "starts or ends with a space"
                : "";
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException("the task name " + Lines.quote(name) + " " + problem);
        }
    }
}
