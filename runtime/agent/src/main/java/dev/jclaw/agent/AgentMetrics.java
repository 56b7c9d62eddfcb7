package dev.jclaw.agent;

import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.event.AgentEvent;
import dev.jclaw.core.event.TurnFailure;
import dev.jclaw.core.metrics.Counter;
import dev.jclaw.core.metrics.MetricRegistry;
import dev.jclaw.core.model.Usage;
import java.util.function.Consumer;

/**
 * What the runtime counts about its turns, derived from their events: turns by outcome, tokens by kind, tool calls
 * by outcome, compactions by trigger and outcome. The names are documented in {@code docs/operations.md}.
 */
final class AgentMetrics {
    private final Counter.Series done;
    private final Counter.Series failed;
    private final Counter.Series aborted;
    private final Counter.Series timeout;
    private final Counter.Series input;
    private final Counter.Series output;
    private final Counter.Series cached;
    private final Counter.Series reasoning;
    private final Counter.Series toolOk;
    private final Counter.Series toolFailed;
    private final Counter.Series toolDenied;
    private final Counter compactions;

    AgentMetrics(MetricRegistry registry) {
        Counter turns = registry.counter("jclaw_turns_total",
                "Turns that ended, by outcome: done, failed, aborted (by the user) or timeout.", "outcome");
        done = turns.labels("done");
        failed = turns.labels("failed");
        aborted = turns.labels("aborted");
        timeout = turns.labels("timeout");
        Counter tokens = registry.counter("jclaw_tokens_total", "Tokens the model providers reported, by kind:"
                + " input (cached ones included), output (reasoning ones included), cached, reasoning.", "kind");
        input = tokens.labels("input");
        output = tokens.labels("output");
        cached = tokens.labels("cached");
        reasoning = tokens.labels("reasoning");
        Counter tools = registry.counter("jclaw_tool_calls_total",
                "Tool calls that finished, by outcome: ok, failed, or denied (by a policy, a hook or a person).",
                "outcome");
        toolOk = tools.labels("ok");
        toolFailed = tools.labels("failed");
        toolDenied = tools.labels("denied");
        compactions = registry.counter("jclaw_compactions_total", "Compactions run or tried, by trigger (budget,"
                + " overflow, command) and outcome (compacted, or the reason code why not).", "trigger", "outcome");
        for (String trigger : new String[] {"budget", "overflow", "command"}) {
            compactions.labels(trigger, "compacted");
        }
    }

    /**
     * @param events where the events go next
     * @return a consumer that counts each event, then passes it on
     */
    Consumer<AgentEvent> observing(Consumer<AgentEvent> events) {
        return event -> {
            count(event);
            events.accept(event);
        };
    }

    private void count(AgentEvent event) {
        switch (event) {
            case AgentEvent.UsageReported u -> add(u.step());
            case AgentEvent.ToolFinished t -> (switch (t.result()) {
                case ToolResult.Ok ok -> toolOk;
                case ToolResult.Failed f -> toolFailed;
                case ToolResult.Denied d -> toolDenied;
            }).inc();
            case AgentEvent.Compaction c -> compactions.inc(c.trigger(), c.outcome());
            default -> {
                // the other events carry nothing these counters count; turn ends are counted by turnEnded
            }
        }
    }

    private void add(Usage step) {
        input.add(step.inputTokens());
        output.add(step.outputTokens());
        cached.add(step.cachedTokens());
        reasoning.add(step.reasoningTokens());
    }

    /**
     * Counts a turn's end; called once per turn the user sent, not for an attempt run again after compaction.
     *
     * @param end the turn's last event
     */
    void turnEnded(AgentEvent end) {
        (switch (end) {
            case AgentEvent.Done d -> done;
            case AgentEvent.Failed f when f.reason() == TurnFailure.ABORTED -> aborted;
            case AgentEvent.Failed f when f.reason() == TurnFailure.TIMEOUT -> timeout;
            default -> failed;
        }).inc();
    }
}
