package dev.jclaw.core.approval;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.tool.ToolClass;

/**
 * What happens to a tool call before it runs, from the turn's tier and the server's approval policy: the stricter
 * of the two wins. Decided from the tool's class as its plugin declares it, never from anything the model sends.
 *
 * <table>
 * <caption>write-class calls</caption>
 * <tr><th>tier \ policy</th><th>never</th><th>writes</th><th>all</th></tr>
 * <tr><td>read-only</td><td>refuse</td><td>refuse</td><td>refuse</td></tr>
 * <tr><td>approval</td><td>ask</td><td>ask</td><td>ask</td></tr>
 * <tr><td>yolo</td><td>run</td><td>ask</td><td>ask</td></tr>
 * </table>
 * Read-class calls are asked about only under the {@code all} policy, whatever the tier.
 */
public enum Admission {
    /** The call runs without asking. */
    RUN,
    /** The call waits for the yes of the user who started the turn, or of an admin. */
    ASK,
    /** The call is refused without asking anyone. */
    REFUSE;

    /**
     * Decides.
     *
     * @param tier the turn's tier (the user's ceiling, possibly lowered for the turn)
     * @param policy the server-wide approval policy
     * @param toolClass the tool's declared class
     * @return what happens to the call
     */
    public static Admission of(Tier tier, ApprovalPolicy policy, ToolClass toolClass) {
        if (toolClass == ToolClass.WRITE && tier == Tier.READ_ONLY) {
            return REFUSE;
        }
        if (policy.asks(toolClass) || toolClass == ToolClass.WRITE && tier == Tier.APPROVAL) {
            return ASK;
        }
        return RUN;
    }
}
