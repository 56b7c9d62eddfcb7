package dev.jclaw.core.context;

import java.util.Objects;

/**
 * One section of the frozen prefix (the system prompt), in prompt order.
 *
 * <pre>{@code
 * List<PromptSection> prefix = List.of(
 *         new PromptSection("identity", identity, 100, false),
 *         new PromptSection("tools", toolIndex, 90, false),
 *         new PromptSection("bootstrap", agentsMd, 40, true),
 *         new PromptSection("skills", skillsIndex, 20, true));
 * }</pre>
 *
 * @param name what the section holds, in words a reader understands: it appears in the cut marker and in
 *             {@code /context}, e.g. {@code skills}; not blank, at most {@value #MAX_NAME} characters
 * @param text the section's text, may be empty
 * @param priority how much the section matters: when the prefix is over its budget, truncatable sections with the
 *                 lowest priority are cut first
 * @param truncatable whether the section may be cut; identity and the tool index are not
 */
public record PromptSection(String name, String text, int priority, boolean truncatable) {

    /** The longest name. */
    public static final int MAX_NAME = 64;

    /** Checks the fields. */
    public PromptSection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        if (name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a prompt section's name must be 1 to " + MAX_NAME
                    + " characters without control characters, got " + name.length() + " characters");
        }
    }
}
