package dev.jclaw.agent;

import dev.jclaw.core.approval.Approvals;
import dev.jclaw.core.loop.AgentLoop;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.core.session.TurnLocks;
import dev.jclaw.core.task.TaskManager;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.agent.memory.SessionArchiver;
import java.time.Clock;
import java.util.List;

/**
 * What every conversation of a runtime shares: the store and its router, the per-key turn locks, the loop, the
 * tools, the planner that fits each turn to its model's budget, the usage ledger, the metrics and the background
 * tasks.
 *
 * @param store where conversations are kept
 * @param router session key → current conversation
 * @param locks one turn at a time per session key
 * @param loop the agent loop
 * @param tools the tools offered to the model
 * @param planner prepares each turn (prefix, budget, compaction)
 * @param defaultModel the configured default model name, may be empty
 * @param bootstrapFiles workspace files read into the frozen prefix, e.g. {@code AGENTS.md}
 * @param clock the clock of the runtime line
 * @param usage writes each turn's usage and sums a conversation's
 * @param metrics counts turns, tokens, tool calls and compactions
 * @param tasks runs work outside the turns
 * @param memory what the agent remembers across conversations, or null when memory is off
 * @param archiver archives a conversation set aside, or null when memory is off
 * @param approvals where tool calls that need a yes wait, answered from any channel
 */
record AgentServices(SessionStore store, SessionRouter router, TurnLocks locks, AgentLoop loop, HostTools tools,
                     TurnPlanner planner, String defaultModel, List<String> bootstrapFiles, Clock clock,
                     UsageLedger usage, AgentMetrics metrics, TaskManager tasks, AgentMemory memory,
                     SessionArchiver archiver, Approvals approvals) {
}
