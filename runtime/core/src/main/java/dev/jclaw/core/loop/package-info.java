/**
 * The agent loop: a turn is model request → stream → tool calls → repeat until an answer, with small policy objects
 * for the step budget, timeouts, retries, empty answers and unknown tools, and a sealed event type every channel
 * renders.
 */
package dev.jclaw.core.loop;
