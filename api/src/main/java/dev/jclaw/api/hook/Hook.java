package dev.jclaw.api.hook;

import dev.jclaw.api.tool.ToolResult;

/**
 * Code that runs at fixed points of every turn. Override only the points you need; the defaults do nothing.
 *
 * <pre>{@code
 * public final class NoRmRf implements Hook {
 *     public HookVerdict beforeToolCall(ToolCallContext call) {
 *         boolean bad = call.toolName().equals("bash")
 *                 && call.arguments().optString("command").orElse("").contains("rm -rf /");
 *         return bad ? new HookVerdict.Block("refusing to wipe the disk") : HookVerdict.PROCEED;
 *     }
 * }
 * // module-info: provides dev.jclaw.api.hook.Hook with com.example.NoRmRf;
 * }</pre>
 *
 * <p>The points of a turn, in order: {@link #onTurnStart}, {@link #beforePromptBuild} (once), then for every model
 * step {@link #afterModelResponse} and, for each tool call of the step, {@link #beforeToolCall} and
 * {@link #afterToolCall}; finally {@link #onTurnEnd}, however the turn ends. {@link #beforeCompaction} and
 * {@link #afterCompaction} bracket a compaction of the conversation, inside a turn or between turns.
 *
 * <p>Order: hooks run by {@link #priority()}, lower first, and in registration order among equal priorities. Each
 * call has a deadline (2 s unless the runtime is configured otherwise) and runs on a virtual thread of its own: a
 * hook that throws, returns {@code null} where a value is expected, or overruns its deadline is logged with its
 * plugin id and skipped (an overrunning call is interrupted and abandoned); it never ends the turn. Hooks are called
 * from many turns at once and must be thread-safe. New hook points arrive as new default methods.
 *
 * @since 0.1
 */
public interface Hook {

    /** The priority of a hook that does not choose one. */
    int DEFAULT_PRIORITY = 100;

    /**
     * Where this hook runs among the others: lower runs first, ties keep registration order (the runtime's hooks,
     * then the plugins' in load order). The default is {@link #DEFAULT_PRIORITY}. The bands:
     *
     * <ul>
     *   <li>{@code 0-49}: runtime hooks that must run before any plugin (e.g. steering, whose text opens the
     *       per-turn suffix);</li>
     *   <li>{@code 50-949}: plugin hooks, {@code 100} by default;</li>
     *   <li>{@code 950-999}: runtime hooks that must see the final values (a guard that sees the arguments after
     *       every replacement, an audit that sees results after every redaction).</li>
     * </ul>
     *
     * <p>The value is read once each time the set of hooks changes (a plugin loads, reloads or unloads), not per
     * call; it should be a constant.
     *
     * @return the priority
     * @since 0.1 (plugin API 1.1)
     */
    default int priority() {
        return DEFAULT_PRIORITY;
    }

    /**
     * Called when a turn starts, before the model is asked.
     *
     * @param turn the turn
     */
    default void onTurnStart(TurnContext turn) {
    }

    /**
     * Called once per turn, before the first model request, to add text to the per-turn suffix: the
     * {@code <turn_context>} message the model reads right before the user's message (working memory, nudges,
     * steering). The text is sent with this turn's requests only and never stored in the conversation, so it may
     * change freely from turn to turn without spoiling the provider's prompt cache. The outputs of all hooks are
     * joined in order, one per line, and cut at 8,000 characters in all.
     *
     * @param turn the turn
     * @return text to add, or the empty string for nothing
     * @since 0.1 (plugin API 1.1)
     */
    default String beforePromptBuild(TurnContext turn) {
        return "";
    }

    /**
     * Called after each model response of a turn, before its tool calls run. For observation only: the response
     * cannot be changed here.
     *
     * @param turn the turn
     * @param reply what the model answered in this step
     * @since 0.1 (plugin API 1.1)
     */
    default void afterModelResponse(TurnContext turn, ModelReply reply) {
    }

    /**
     * Called before a tool call runs (and after approval). The first hook that blocks wins: the call does not run
     * and the model reads the reason. Replacements chain: the next hook sees the replaced arguments, and the tool
     * runs with the last ones.
     *
     * @param call the call
     * @return what to do with it
     */
    default HookVerdict beforeToolCall(ToolCallContext call) {
        return HookVerdict.PROCEED;
    }

    /**
     * Called after a tool call; may rewrite the result the model reads (e.g. to redact secrets). Results chain: the
     * next hook sees the rewritten one.
     *
     * @param finished the call and its result
     * @return the result to keep, by default the one given
     */
    default ToolResult afterToolCall(ToolCallContext.Finished finished) {
        return finished.result();
    }

    /**
     * Called when a turn ends, however it ends.
     *
     * @param turn the turn
     * @param outcome {@code done}, {@code aborted}, {@code failed} or {@code timeout}
     */
    default void onTurnEnd(TurnContext turn, String outcome) {
    }

    /**
     * Called before the older part of a conversation is summarised to make room in the context window.
     *
     * @param session the conversation
     * @param trigger why: {@code budget} (the history would not fit the next request), {@code overflow} (the
     *                provider refused a request as too long) or {@code command} ({@code /compact})
     * @since 0.1 (plugin API 1.1)
     */
    default void beforeCompaction(SessionContext session, String trigger) {
    }

    /**
     * Called after a compaction, whether it succeeded or not.
     *
     * @param session the conversation
     * @param outcome {@code compacted}, {@code skipped} (nothing to compact, or no gain) or {@code failed} (the
     *                history was left as it was)
     * @since 0.1 (plugin API 1.1)
     */
    default void afterCompaction(SessionContext session, String outcome) {
    }
}
