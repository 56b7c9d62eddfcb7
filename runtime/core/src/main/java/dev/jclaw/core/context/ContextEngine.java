package dev.jclaw.core.context;

import dev.jclaw.api.hook.TurnContext;
import java.util.List;

/**
 * Fills the dynamic zone of a turn: what is worth recalling for this user message (memories, documents). The loop
 * asks once per user message, before the first model request, never per step; the snippets go into the turn's
 * {@code <turn_context>} message, which is sent with this turn's requests only and never stored in the conversation.
 *
 * <p>An engine that throws is logged and the turn goes on without retrieved context. Blocking is fine (the call runs
 * on the turn's virtual thread); an engine should give up promptly when that thread is interrupted (the turn was
 * aborted) by throwing {@link InterruptedException}.
 *
 * <p>Thread-safety: implementations are called by many turns at once.
 */
public interface ContextEngine {

    /** Retrieves nothing: the dynamic zone stays empty. */
    ContextEngine NONE = turn -> List.of();

    /**
     * Retrieves context for a user message.
     *
     * @param turn the turn, with the user's message
     * @return the snippets, most relevant first, may be empty
     * @throws InterruptedException when the turn is aborted meanwhile
     */
    List<ContextSnippet> retrieve(TurnContext turn) throws InterruptedException;
}
