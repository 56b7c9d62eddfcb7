/**
 * What a turn reports as it runs: the sealed {@link dev.jclaw.core.event.AgentEvent} family, emitted by the loop
 * and by tool dispatch alike, so that neither package depends on the other for it.
 */
package dev.jclaw.core.event;
