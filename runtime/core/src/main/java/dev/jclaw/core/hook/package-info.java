/**
 * The hook chain: the hooks of the runtime and of the plugins, ordered by priority, each call bounded by a deadline
 * and isolated from the turn, so that a failing hook is skipped and the turn goes on.
 */
package dev.jclaw.core.hook;
