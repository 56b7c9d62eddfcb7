package dev.jclaw.core.model;

/**
 * Receives a response as it streams, on the thread that called {@link ModelPort#stream}. Every method defaults to
 * doing nothing.
 */
public interface ModelListener {
    /** Ignores everything. */
    ModelListener NONE = new ModelListener() {
    };

    /**
     * A piece of the answer text.
     *
     * @param delta the new text
     */
    default void text(String delta) {
    }

    /**
     * A piece of reasoning text.
     *
     * @param delta the new text
     */
    default void reasoning(String delta) {
    }

    /**
     * Something arrived: called for every chunk, so that an idle timeout can be measured between chunks.
     */
    default void chunk() {
    }
}
