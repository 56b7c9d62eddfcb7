package dev.jclaw.core.dispatch;

import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.approval.Admission;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.approval.AskOutcome;
import dev.jclaw.core.approval.Decision;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.model.ToolCall;
import java.time.Duration;
import java.util.Locale;

/**
 * The tier and approval step of a call, between the argument check and the hooks: refuses a write under the
 * read-only tier without asking, asks the {@link Approvals} broker when the tier or the policy wants a yes, and
 * turns every way that ends into the one result the model reads.
 */
final class CallGate {
    private static final System.Logger LOG = System.getLogger(CallGate.class.getName());

    private CallGate() {
    }

    /**
     * Tells what happens to a call of a known tool.
     *
     * @param toolClass the tool's class
     * @param scope the turn
     * @return run, ask or refuse
     */
    static Admission admission(ToolClass toolClass, ToolDispatcher.Scope scope) {
        return Admission.of(scope.principal().tier(), scope.policy(), toolClass);
    }

    /**
     * Refuses a call the turn's tier does not allow, and reports it for the audit log.
     *
     * @return the result the model reads
     */
    static ToolResult refuse(ToolCall call, ToolDispatcher.Scope scope) {
        Tier tier = scope.principal().tier();
        String reason = "refused: the user's tier is " + tier.label() + "; write-class tool " + call.name()
                + " does not run. Do not retry it in this turn; tell the user what you would have done";
        LOG.log(System.Logger.Level.INFO, "tool refused by tier " + tier.label() + ": " + scope.sessionKey() + " "
                + scope.principal().id() + " " + call.name() + " " + call.id());
        scope.approvals().refused(scope.sessionKey(), scope.principal(), call.name(), call.arguments(), reason);
        return new ToolResult.Denied(reason);
    }

    /**
     * Asks and waits.
     *
     * @return {@code null} when the call may run, otherwise the refusal the model reads
     * @throws InterruptedException when the turn is aborted while it waits, or the turn's own prompt could not ask
     *                              (the turn ends as aborted, as it did when the prompt was called directly)
     */
    static ToolResult approve(ToolCall call, ToolClass toolClass, ToolDispatcher.Scope scope)
            throws InterruptedException {
        String why = scope.policy().asks(toolClass)
                ? "the " + scope.policy().name().toLowerCase(Locale.ROOT) + " approval policy asks first"
                : "the user's tier (" + scope.principal().tier().label() + ") asks first";
        Approvals.Request request = new Approvals.Request(scope.sessionKey(), scope.principal(), call.id(),
                call.name(), call.arguments());
        AskOutcome outcome = scope.approvals().ask(request, scope.approver(), pending ->
                scope.events().accept(new AgentEvent.ApprovalRequested(call.id(), call.name(), call.arguments(), why,
                        pending.id().value(), pending.deadline())));
        return switch (outcome) {
            case AskOutcome.Refused r -> new ToolResult.Denied(r.reason());
            case AskOutcome.Settled s -> settled(call, scope, s);
        };
    }

    private static ToolResult settled(ToolCall call, ToolDispatcher.Scope scope, AskOutcome.Settled s)
            throws InterruptedException {
        LOG.log(System.Logger.Level.INFO, "approval " + s.approval().id() + " " + s.decision() + ": "
                + scope.sessionKey() + " " + call.name() + " " + call.id());
        return switch (s.decision()) {
            case Decision.Answered a when a.approved() -> null;
            case Decision.Answered a when a.admin() -> new ToolResult.Denied("an admin (" + a.by()
                    + ") did not allow " + call.name() + " to run");
            case Decision.Answered a -> new ToolResult.Denied("the user did not allow " + call.name() + " to run");
            case Decision.Expired e -> new ToolResult.Denied("nobody answered the approval request for "
                    + call.name() + " within " + human(scope.approvals().deadline()) + ", so it did not run");
            case Decision.Aborted a -> throw new InterruptedException(a.reason());
        };
    }

    private static String human(Duration d) {
        if (d.toMillis() < 1_000) {
            return d.toMillis() + " ms";
        }
        return d.toSeconds() < 120 ? d.toSeconds() + " s" : d.toMinutes() + " min";
    }
}
