/**
 * The JClaw plugin API: everything a plugin compiles against.
 *
 * <p>A plugin is a module that {@code requires dev.jclaw.api} and {@code provides} one or more of its
 * services: {@link dev.jclaw.api.Plugin}, {@link dev.jclaw.api.tool.ToolProvider},
 * {@link dev.jclaw.api.hook.Hook}, {@link dev.jclaw.api.channel.Channel} and
 * {@link dev.jclaw.api.command.CommandProvider}. It also carries a descriptor,
 * {@code META-INF/jclaw-plugin.properties}; see {@link dev.jclaw.api.PluginDescriptor}.
 *
 * <pre>{@code
 * module com.example.clock {
 *     requires dev.jclaw.api;
 *     provides dev.jclaw.api.tool.ToolProvider with com.example.clock.ClockTools;
 * }
 * }</pre>
 *
 * @since 0.1
 */
module dev.jclaw.api {
    exports dev.jclaw.api;
    exports dev.jclaw.api.json;
    exports dev.jclaw.api.tool;
    exports dev.jclaw.api.hook;
    exports dev.jclaw.api.channel;
    exports dev.jclaw.api.http;
    exports dev.jclaw.api.command;
    exports dev.jclaw.api.process;
    exports dev.jclaw.api.gateway;
}
