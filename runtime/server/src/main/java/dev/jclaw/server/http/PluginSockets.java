package dev.jclaw.server.http;

import dev.jclaw.api.http.SocketSession;
import dev.jclaw.api.http.WebSocketHandler;
import dev.jclaw.host.EndpointRegistry;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.websocket.WsRoute;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Routes WebSocket upgrades on any path to the plugin endpoint registered for that path at upgrade time. Text
 * messages are reassembled from fragments, up to a size limit.
 */
public final class PluginSockets {
    private final EndpointRegistry endpoints;
    private final int maxMessageChars;
    private final HostPolicy hosts;

    /**
     * Creates the router.
     *
     * @param endpoints the plugins' endpoints
     * @param maxMessageChars the largest text message accepted; larger closes the connection with 1009
     * @param hosts which {@code Host} and {@code Origin} headers may open a socket: a browser lets any page open
     *              a WebSocket to any address, so the origin is checked on every upgrade
     */
    public PluginSockets(EndpointRegistry endpoints, int maxMessageChars, HostPolicy hosts) {
        this.endpoints = endpoints;
        this.maxMessageChars = maxMessageChars;
        this.hosts = hosts;
    }

    /**
     * Builds the WebSocket routing.
     *
     * @return the routing
     */
    public WsRouting.Builder routing() {
        return WsRouting.builder().route(WsRoute.create("/*", () -> new Listener()));
    }

    private final class Listener implements WsListener {
        private WebSocketHandler handler;
        private Adapter session;
        private Map<String, String> query = Map.of();
        private Headers headers;
        private final StringBuilder partial = new StringBuilder();

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
            String path = prologue.uriPath().path();
            Optional<String> refusal = hosts.refusal(headers.first(HeaderNames.HOST),
                    headers.first(HeaderNames.ORIGIN), true);
            if (refusal.isPresent()) {
                throw new WsUpgradeException(refusal.get());
            }
            handler = endpoints.socket(path).orElseThrow(() -> new WsUpgradeException("no websocket at " + path));
            Map<String, String> q = new LinkedHashMap<>();
            for (String name : prologue.query().names()) {
                q.put(name, prologue.query().get(name));
            }
            this.query = Map.copyOf(q);
            this.headers = headers;
            return Optional.empty();
        }

        @Override
        public void onOpen(WsSession ws) {
            session = new Adapter(ws, query, headers);
            handler.onOpen(session);
        }

        @Override
        public void onMessage(WsSession ws, String text, boolean last) {
            if (partial.length() + text.length() > maxMessageChars) {
                partial.setLength(0);
                ws.close(1009, "message larger than " + maxMessageChars + " characters");
                return;
            }
            partial.append(text);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                handler.onText(session, message);
            }
        }

        @Override
        public void onClose(WsSession ws, int status, String reason) {
            if (session != null) {
                handler.onClose(session, status, reason == null ? "" : reason);
            }
        }
    }

    private record Adapter(WsSession ws, Map<String, String> query, Headers headers, String id)
            implements SocketSession {
        Adapter(WsSession ws, Map<String, String> query, Headers headers) {
            this(ws, query, headers, UUID.randomUUID().toString());
        }

        @Override
        public Optional<String> header(String name) {
            return headers.first(HeaderNames.create(name.toLowerCase(Locale.ROOT)));
        }

        @Override
        public synchronized void send(String text) {
            ws.send(text, true);
        }

        @Override
        public void close(int code, String reason) {
            ws.close(code, reason);
        }
    }
}
