/**
 * Slash commands: the built-in ones ({@code /new}, {@code /status}, {@code /steer}, {@code /compact}, …) and those of
 * the plugins, behind one registry that every channel asks before a message goes to the model.
 */
package dev.jclaw.agent.command;
