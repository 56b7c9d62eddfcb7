/** The contract every {@link dev.jclaw.core.memory.MemoryStore} passes. */
package dev.jclaw.testkit.memory;
