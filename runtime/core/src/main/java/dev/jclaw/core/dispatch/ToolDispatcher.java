package dev.jclaw.core.dispatch;

import dev.jclaw.api.hook.HookVerdict;
import dev.jclaw.api.hook.ToolCallContext;
import dev.jclaw.api.hook.TurnContext;
import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.approval.Admission;
import dev.jclaw.core.approval.ApprovalPolicy;
import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.approval.Approver;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.hook.HookChain;
import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.model.ToolDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs the tool calls of one model step: the read-class calls of a run of consecutive reads in parallel, write-class
 * calls one after another, each on its own virtual thread with a deadline. Whatever goes wrong with a call —
 * malformed arguments, an unknown tool, a refusal, an exception, a timeout — becomes a result the model reads;
 * only an abort of the turn ends the step early.
 *
 * <p>Before a call runs: its tool must exist; the turn's tier and the approval policy decide ({@link Admission})
 * whether it runs, is refused without asking (a write under the read-only tier), or waits in the
 * {@link Approvals} broker for the yes of the user who started the turn or of an admin; its arguments must be a
 * JSON object matching the tool's parameters schema ({@link ArgumentCheck}), checked before anyone is asked.
 *
 * <p>Hooks: after approval, {@link HookChain#beforeToolCall} may block a call (the model reads the reason as a
 * {@link ToolResult.Denied}) or replace its arguments (the tool runs with them, and {@link AgentEvent.ToolStarted}
 * shows them); the result of a call that ran passes {@link HookChain#afterToolCall}, which may rewrite it, before
 * the model reads it.
 */
public final class ToolDispatcher {
    private static final System.Logger LOG = System.getLogger(ToolDispatcher.class.getName());

    private final ToolPort tools;
    private final Duration timeout;
    private final OutputLimit limit;
    private final HookChain hooks;
    private final List<Path> offLimits;
    private final ArgumentCheck argumentCheck = new ArgumentCheck();

    /**
     * Creates a dispatcher without hooks.
     *
     * @param tools the tools
     * @param timeout the deadline of one call
     * @param limit the cap on what one call returns to the model
     */
    public ToolDispatcher(ToolPort tools, Duration timeout, OutputLimit limit) {
        this(tools, timeout, limit, HookChain.NONE);
    }

    /**
     * Creates a dispatcher.
     *
     * @param tools the tools
     * @param timeout the deadline of one call
     * @param limit the cap on what one call returns to the model
     * @param hooks the hooks asked before and after each call
     */
    public ToolDispatcher(ToolPort tools, Duration timeout, OutputLimit limit, HookChain hooks) {
        this(tools, timeout, limit, hooks, List.of());
    }

    /**
     * Creates a dispatcher that keeps tools out of some places.
     *
     * @param tools the tools
     * @param timeout the deadline of one call
     * @param limit the cap on what one call returns to the model
     * @param hooks the hooks asked before and after each call
     * @param offLimits the places every call's {@link ToolContext} refuses, absolute: the data directory, the
     *                  configuration, the user's secret places (the list the bash sandbox hides)
     */
    public ToolDispatcher(ToolPort tools, Duration timeout, OutputLimit limit, HookChain hooks, List<Path> offLimits) {
        this.tools = tools;
        this.timeout = timeout;
        this.limit = limit;
        this.hooks = hooks;
        this.offLimits = List.copyOf(offLimits);
    }

    /**
     * Who runs the calls, where, and who approves them.
     *
     * @param turn the turn the calls belong to, as hooks see it
     * @param workspace the directory tools are confined to
     * @param policy the server-wide approval policy; with the principal's tier, the stricter of the two decides
     *               ({@link Admission})
     * @param approver the turn's own blocking prompt, one client of the broker; {@link Approver#NONE} when
     *                 answers come only through {@link Approvals#answer}
     * @param events where to report
     * @param principal who started the turn, with the turn's tier (already lowered for the turn, if asked)
     * @param approvals where calls that need a yes wait
     */
    public record Scope(TurnContext turn, Path workspace, ApprovalPolicy policy, Approver approver,
                        Consumer<AgentEvent> events, Principal principal, Approvals approvals) {
        /** Checks the fields. */
        public Scope {
            Objects.requireNonNull(turn, "turn");
            Objects.requireNonNull(workspace, "workspace");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(approver, "approver");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(approvals, "approvals");
        }

        /**
         * Creates a scope for the person at the local terminal ({@link Approvals#TERMINAL}: the policy alone
         * decides), with a broker of its own.
         *
         * @param turn the turn the calls belong to, as hooks see it
         * @param workspace the directory tools are confined to
         * @param policy which calls need approval
         * @param approver who answers
         * @param events where to report
         */
        public Scope(TurnContext turn, Path workspace, ApprovalPolicy policy, Approver approver,
                     Consumer<AgentEvent> events) {
            this(turn, workspace, policy, approver, events, Approvals.TERMINAL, new Approvals());
        }

        /** @return the conversation's session key */
        public String sessionKey() {
            return turn.sessionKey();
        }
    }

    /**
     * A call and its result.
     *
     * @param call the call
     * @param result the result
     * @param known whether the tool existed
     */
    public record Outcome(ToolCall call, ToolResult result, boolean known) {
    }

    /** A call that passed the checks, ready to run. */
    private record Ready(int index, ToolCall call, JsonObject arguments, String shown, ToolClass toolClass) {
    }

    /**
     * Runs the calls.
     *
     * @param calls the calls, in the model's order
     * @param scope where and for whom
     * @return one outcome per call, in the same order
     * @throws InterruptedException when the turn is aborted; running calls are interrupted first
     */
    public List<Outcome> dispatch(List<ToolCall> calls, Scope scope) throws InterruptedException {
        Outcome[] outcomes = new Outcome[calls.size()];
        List<Ready> ready = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            Optional<ToolClass> toolClass = tools.classOf(call.name());
            Optional<ToolDefinition> definition = tools.definition(call.name());
            ToolResult refusal = null;
            JsonObject arguments = JsonObject.EMPTY;
            Admission admission = toolClass.map(c -> CallGate.admission(c, scope)).orElse(Admission.REFUSE);
            if (toolClass.isEmpty()) {
                refusal = ToolResult.failed(unknown(call.name()));
            } else if (admission == Admission.REFUSE) {
                refusal = CallGate.refuse(call, scope);
            } else {
                // a tool the port runs but does not describe is checked for well-formed JSON only
                switch (argumentCheck.check(definition.orElseGet(() -> new ToolDefinition(call.name(), "", "true")),
                        call.arguments())) {
                    case ArgumentCheck.Result.Valid v -> arguments = v.arguments();
                    case ArgumentCheck.Result.Invalid bad -> refusal = ToolResult.failed(bad.message());
                }
            }
            if (refusal == null && admission == Admission.ASK) {
                refusal = CallGate.approve(call, toolClass.get(), scope);
            }
            String shown = call.arguments();
            if (refusal == null) {
                switch (hooks.beforeToolCall(new ToolCallContext(scope.turn(), call.name(), arguments))) {
                    case HookVerdict.Proceed p -> {
                    }
                    case HookVerdict.Replace r -> {
                        arguments = r.arguments();
                        shown = arguments.toJson();
                    }
                    case HookVerdict.Block b -> refusal = new ToolResult.Denied(b.reason());
                }
            }
            if (refusal != null) {
                scope.events().accept(new AgentEvent.ToolStarted(call.id(), call.name(), call.arguments()));
                scope.events().accept(new AgentEvent.ToolFinished(call.id(), call.name(), refusal, Duration.ZERO));
                outcomes[i] = new Outcome(call, refusal, toolClass.isPresent());
            } else {
                ready.add(new Ready(i, call, arguments, shown, toolClass.get()));
            }
        }
        int next = 0;
        while (next < ready.size()) {
            int end = next + 1;
            if (ready.get(next).toolClass() == ToolClass.READ) {
                while (end < ready.size() && ready.get(end).toolClass() == ToolClass.READ) {
                    end++;
                }
            }
            runGroup(ready.subList(next, end), scope, outcomes);
            next = end;
        }
        return List.of(outcomes);
    }

    private void runGroup(List<Ready> group, Scope scope, Outcome[] outcomes) throws InterruptedException {
        List<CompletableFuture<ToolResult>> running = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<Instant> starts = new ArrayList<>();
        for (Ready r : group) {
            scope.events().accept(new AgentEvent.ToolStarted(r.call().id(), r.call().name(), r.shown()));
            CompletableFuture<ToolResult> result = new CompletableFuture<>();
            Instant deadline = Instant.now().plus(timeout);
            ToolContext context = new ToolContext(r.call().id(), r.arguments(), scope.workspace(), scope.sessionKey(),
                    deadline, offLimits);
            starts.add(Instant.now());
            threads.add(Thread.ofVirtual().name("tool-" + r.call().name()).start(() -> {
                try {
                    result.complete(tools.call(r.call().name(), context)
                            .orElseGet(() -> ToolResult.failed(unknown(r.call().name()))));
                } catch (RuntimeException | Error e) {
                    result.complete(ToolResult.failed("tool '" + r.call().name() + "' failed: " + e));
                }
            }));
            running.add(result);
            if (r.toolClass() == ToolClass.WRITE) {
                break; // a write group has one call
            }
        }
        for (int i = 0; i < running.size(); i++) {
            Ready r = group.get(i);
            ToolResult result = limit.apply(await(running.get(i), threads, i, r, starts.get(i)));
            Duration elapsed = Duration.between(starts.get(i), Instant.now());
            try {
                // a hook may annotate: cap again, so that the model never reads more than the limit
                result = limit.apply(hooks.afterToolCall(
                        new ToolCallContext(scope.turn(), r.call().name(), r.arguments()).finished(result)));
            } catch (InterruptedException e) {
                threads.forEach(Thread::interrupt);
                throw e;
            }
            scope.events().accept(new AgentEvent.ToolFinished(r.call().id(), r.call().name(), result, elapsed));
            outcomes[r.index()] = new Outcome(r.call(), result, true);
        }
    }

    private ToolResult await(CompletableFuture<ToolResult> future, List<Thread> threads, int i, Ready r, Instant start)
            throws InterruptedException {
        long left = timeout.toNanos() - Duration.between(start, Instant.now()).toNanos();
        try {
            return future.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            threads.get(i).interrupt();
            return ToolResult.failed("tool '" + r.call().name() + "' did not finish within " + timeout.toSeconds()
                    + " s and was stopped");
        } catch (ExecutionException e) {
            return ToolResult.failed("tool '" + r.call().name() + "' failed: " + e.getCause());
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
    }

    private String unknown(String name) {
        List<String> names = tools.definitions().stream().map(d -> d.name()).toList();
        return "there is no tool named '" + name + "'; the tools are: " + String.join(", ", names);
    }
}
