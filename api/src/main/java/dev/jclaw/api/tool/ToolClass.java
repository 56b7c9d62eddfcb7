package dev.jclaw.api.tool;

/**
 * Whether a tool only observes or also changes the world. The host runs the read-class calls of one model step
 * in parallel and the write-class calls one after another, and approval policies look at it.
 *
 * @since 0.1
 */
public enum ToolClass {
    /** Observes only: reading files, searching, fetching. Safe to run in parallel. */
    READ,
    /** Changes state: writing files, running commands. Run in order, may need approval. */
    WRITE
}
