/**
 * The plugin host: each plugin in the plugins directory becomes its own module layer over the host's, with one
 * class loader, a lifecycle and hot reload. Only {@code dev.jclaw.api} is readable to plugins.
 */
module dev.jclaw.host {
    requires transitive dev.jclaw.api;

    // qualified: a plugin may read nothing of the host but dev.jclaw.api
    exports dev.jclaw.host to dev.jclaw.agent, dev.jclaw.server;

    uses dev.jclaw.api.Plugin;
    uses dev.jclaw.api.tool.ToolProvider;
    uses dev.jclaw.api.hook.Hook;
    uses dev.jclaw.api.channel.Channel;
    uses dev.jclaw.api.command.CommandProvider;
}
