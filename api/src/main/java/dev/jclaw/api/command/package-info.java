/**
 * Slash commands ({@code /new}, {@code /model}, ...) that plugins add to every channel.
 *
 * @since 0.1
 */
package dev.jclaw.api.command;
