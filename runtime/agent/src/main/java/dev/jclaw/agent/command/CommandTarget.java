package dev.jclaw.agent.command;

import dev.jclaw.core.loop.Steering;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionHeader;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionUsage;
import dev.jclaw.host.ToolSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a slash command sees of a conversation: its state, its history and the few things a command may do to it.
 * The agent's conversation implements it; commands know nothing else of the agent.
 */
public interface CommandTarget {
    /** @return the session key */
    String key();

    /** @return the current conversation */
    SessionHeader header();

    /** @return the directory the tools work in */
    Path workspace();

    /** @return the model the next turn uses */
    String model();

    /** @return the tools the model is offered in this conversation, sorted by name, with their class and owner */
    List<ToolSpec> tools();

    /**
     * What the current conversation cost so far: its {@link Entry.TurnUsage} entries summed, including turns before a
     * restart or a compaction. Cheap: one header lookup while the conversation has not moved since the last call or
     * the last turn; otherwise its branch is read once.
     *
     * @return turns, tokens and the cache-hit share
     */
    SessionUsage usage();

    /** @return the usage of the current conversation's last accounted turn, as cheap as {@link #usage()} */
    Optional<Entry.TurnUsage> lastTurnUsage();

    /** @return what the last turn's first request cost per zone, if a turn ran since the runtime started */
    Optional<ContextView> context();

    /**
     * Starts a new conversation at this address ({@code /new}); the old one stays listed and resumable. Waits for a
     * running turn.
     *
     * @return the new conversation's id
     */
    String rotate();

    /**
     * Makes an earlier conversation of this address current again ({@code /resume}). Waits for a running turn.
     *
     * @param id the conversation
     * @return it, or empty when this address has no such conversation
     */
    Optional<SessionHeader> resume(SessionId id);

    /**
     * Sends a {@code /steer} direction or a {@code /btw} question into the running turn: it reaches the model at the
     * turn's next step.
     *
     * @param kind steer or aside
     * @param text what the person wrote
     * @return what became of it; not accepted when no turn runs
     */
    Steering.Offer steer(Steering.Kind kind, String text);

    /**
     * Stops the running turn ({@code /stop}); its partial answer is kept and marked. Messages waiting behind it go on.
     *
     * @return whether a turn was running
     */
    boolean stop();

    /**
     * Compacts the current conversation now ({@code /compact}), waiting for a running turn.
     *
     * @param focus what the summary should keep in particular, may be empty
     * @return what compaction did, in one sentence
     */
    String compact(String focus);

    /**
     * Sets the model of the current conversation ({@code /model}); the next turn uses it.
     *
     * @param name the model name, checked by the caller against the configured providers
     * @return the conversation with its new model
     */
    SessionHeader useModel(String name);

    /**
     * Reads a conversation of this address.
     *
     * @param id the conversation
     * @return its entries on the current branch, oldest first
     */
    List<Entry> entries(SessionId id);

    /** @return this address's conversations, newest first */
    List<SessionHeader> sessions();

    /** @return whether a turn runs (or waits for the one before it) in this conversation */
    boolean turnRunning();
}
