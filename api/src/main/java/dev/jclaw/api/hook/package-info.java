/**
 * Hooks: code that runs at fixed points of a turn. A {@link dev.jclaw.api.hook.Hook} overrides only the points it
 * cares about; each point takes a context record, and the ones that may change the turn return a sealed
 * {@link dev.jclaw.api.hook.HookVerdict}.
 *
 * @since 0.1
 */
package dev.jclaw.api.hook;
