/**
 * Memory: the ports and the domain of what the agent remembers across conversations. Working memory (L1) per
 * conversation; facts (L2) and procedures (L3) as rows in a {@link dev.jclaw.core.memory.MemoryStore}, the source
 * of truth, mirrored into a {@link dev.jclaw.core.memory.MemoryIndex} for full-text and vector search; summaries of
 * finished conversations (L4) as archives. Everything belongs to one {@link dev.jclaw.core.memory.Namespace}, and no
 * search ever crosses namespaces.
 */
package dev.jclaw.core.memory;
