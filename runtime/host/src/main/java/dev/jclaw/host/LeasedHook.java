package dev.jclaw.host;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ModelReply;
import dev.jclaw.api.hook.SessionContext;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.host.internal.Registrations.Owned;

/**
 * A plugin's hook, called as a call in flight of its version; once the version is gone it does nothing. Every hook
 * point of {@link Hook} must be forwarded here, or plugins never see it (a test checks that all are).
 */
final class LeasedHook implements Hook {
    private final Owned<Hook> hook;

    LeasedHook(Owned<Hook> hook) {
        this.hook = hook;
    }

    @Override
    public int priority() {
        return Leases.callOwned(hook, Hook::priority, () -> DEFAULT_PRIORITY);
    }

    @Override
    public void onTurnStart(TurnContext turn) {
        Leases.callOwned(hook, h -> {
            h.onTurnStart(turn);
            return true;
        }, () -> false);
    }

    @Override
    public String beforePromptBuild(TurnContext turn) {
        return Leases.callOwned(hook, h -> h.beforePromptBuild(turn), () -> "");
    }

    @Override
    public void afterModelResponse(TurnContext turn, ModelReply reply) {
        Leases.callOwned(hook, h -> {
            h.afterModelResponse(turn, reply);
            return true;
        }, () -> false);
    }

    @Override
    public HookVerdict beforeToolCall(ToolCallContext call) {
        return Leases.callOwned(hook, h -> h.beforeToolCall(call), () -> HookVerdict.PROCEED);
    }

    @Override
    public ToolResult afterToolCall(ToolCallContext.Finished finished) {
        return Leases.callOwned(hook, h -> h.afterToolCall(finished), finished::result);
    }

    @Override
    public void onTurnEnd(TurnContext turn, String outcome) {
        Leases.callOwned(hook, h -> {
            h.onTurnEnd(turn, outcome);
            return true;
        }, () -> false);
    }

    @Override
    public void beforeCompaction(SessionContext session, String trigger) {
        Leases.callOwned(hook, h -> {
            h.beforeCompaction(session, trigger);
            return true;
        }, () -> false);
    }

    @Override
    public void afterCompaction(SessionContext session, String outcome) {
        Leases.callOwned(hook, h -> {
            h.afterCompaction(session, outcome);
            return true;
        }, () -> false);
    }

    @Override
    public String toString() {
        return "hook of " + hook.owner();
    }
}
