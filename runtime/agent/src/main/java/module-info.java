/**
 * The agent application: conversations by session key over the core's loop, turn planning (frozen prefix, budgets,
 * compaction), the usage ledger, slash commands, and memory as the agent uses it (tools, recall, archives). Speaks
 * only to ports: the composition root in the server hands it the model, the stores and the memory index chosen by
 * the configuration. Imports no third-party library.
 */
module dev.jclaw.agent {
    requires transitive dev.jclaw.core;
    requires transitive dev.jclaw.config;
    requires dev.jclaw.host;

    exports dev.jclaw.agent;
    exports dev.jclaw.agent.command;
    exports dev.jclaw.agent.memory;
    exports dev.jclaw.agent.gateway;
}
