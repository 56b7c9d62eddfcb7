package dev.jclaw.core.context;

import java.util.Objects;

/**
 * One piece of retrieved context for the dynamic zone, e.g. a memory or a passage of a document.
 *
 * @param source where it comes from, shown to the model in brackets (e.g. {@code memory}, {@code notes.md}); may be
 *               empty
 * @param text the text
 */
public record ContextSnippet(String source, String text) {
    /** Checks the fields. */
    public ContextSnippet {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }
}
