/**
 * Memory in the running agent: the store, index and embedder built from the configuration ({@link
 * dev.jclaw.agent.memory.AgentMemory}), the memory tools, the per-message recall and the working-memory hook.
 */
package dev.jclaw.agent.memory;
