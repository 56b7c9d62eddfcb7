package dev.jclaw.agent.command;

import dev.jclaw.config.ModelsConfig;
import dev.jclaw.core.task.TaskManager;
import dev.jclaw.host.PluginHost;
import dev.jclaw.agent.memory.AgentMemory;
import java.time.Clock;

/**
 * What the built-in commands need besides the conversation they are typed in.
 *
 * @param host the plugin host: its tools for {@code /tools}, its commands for the plugins' part of the registry
 * @param models the configured providers and models, for {@code /model}
 * @param tasks the background tasks, for {@code /tasks}
 * @param clock the clock for the times commands print and the names of exported files
 * @param memory what the agent remembers, for {@code /memory}; null when memory is off
 */
public record CommandServices(PluginHost host, ModelsConfig models, TaskManager tasks, Clock clock,
                              AgentMemory memory) {
}
