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
 * <p>Hooks run in plugin load order on the turn's virtual thread. A hook that throws is logged and skipped; it
 * never ends the turn. New hook points arrive as new default methods.
 *
 * @since 0.1
 */
public interface Hook {

    /**
     * Called when a turn starts, before the model is asked.
     *
     * @param turn the turn
     */
    default void onTurnStart(TurnContext turn) {
    }

    /**
     * Called before a tool call runs (and after approval). The first hook that blocks wins; replacements chain.
     *
     * @param call the call
     * @return what to do with it
     */
    default HookVerdict beforeToolCall(ToolCallContext call) {
        return HookVerdict.PROCEED;
    }

    /**
     * Called after a tool call; may rewrite the result the model reads (e.g. to redact secrets).
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
}
