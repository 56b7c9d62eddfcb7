package dev.jclaw.api.channel;

import dev.jclaw.api.PluginContext;
import dev.jclaw.api.http.HttpEndpoint;
import dev.jclaw.api.http.WebSocketEndpoint;
import java.util.List;

/**
 * A way for users to reach the agent.
 *
 * <pre>{@code
 * public final class PingChannel implements Channel {
 *     public String name() { return "ping"; }
 *     public List<HttpEndpoint> httpEndpoints(PluginContext context) {
 *         return List.of(new HttpEndpoint(HttpMethod.GET, "/ping", request -> HttpResponse.text(200, "pong")));
 *     }
 * }
 * // module-info: provides dev.jclaw.api.channel.Channel with com.example.PingChannel;
 * }</pre>
 *
 * <p>The host asks for the endpoints once per plugin start and mounts them while the plugin is active. A path
 * another active plugin already serves refuses the plugin, naming both.
 *
 * @since 0.1
 */
public interface Channel {

    /**
     * A short name for listings and logs, e.g. {@code web} or {@code feishu}.
     *
     * @return the name
     */
    String name();

    /**
     * The HTTP endpoints this channel serves.
     *
     * @param context the plugin's context
     * @return the endpoints, by default none
     */
    default List<HttpEndpoint> httpEndpoints(PluginContext context) {
        return List.of();
    }

    /**
     * The WebSocket endpoints this channel serves.
     *
     * @param context the plugin's context
     * @return the endpoints, by default none
     */
    default List<WebSocketEndpoint> webSocketEndpoints(PluginContext context) {
        return List.of();
    }
}
