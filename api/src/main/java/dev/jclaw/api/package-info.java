/**
 * The plugin model: a {@link dev.jclaw.api.PluginDescriptor} read before the plugin's module layer is built, and
 * an optional {@link dev.jclaw.api.Plugin} lifecycle object. Tools, hooks, channels and slash commands live in the
 * sub-packages.
 *
 * @since 0.1
 */
package dev.jclaw.api;
