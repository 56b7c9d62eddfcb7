/**
 * Background tasks: work that runs outside a turn (archiving, extraction, the curator, MCP supervisors), each on its
 * own virtual thread, named, categorised and owned ({@link dev.jclaw.core.task.TaskManager}); listed per owner for
 * {@code /tasks}, cancelled by interruption, and drained within a grace period at shutdown
 * ({@link dev.jclaw.core.task.ShutdownReport}).
 */
package dev.jclaw.core.task;
