package dev.jclaw.host;

import dev.jclaw.api.http.HttpEndpoint;
import dev.jclaw.api.http.HttpRequest;
import dev.jclaw.api.http.HttpResponse;
import dev.jclaw.api.http.SocketSession;
import dev.jclaw.api.http.WebSocketEndpoint;
import dev.jclaw.api.http.WebSocketHandler;
import dev.jclaw.host.internal.Registrations.Owned;
import java.util.Comparator;
import java.util.Optional;

/**
 * The HTTP and WebSocket endpoints of the active plugins, for the web server to dispatch to.
 */
public final class EndpointRegistry {
    private final PluginHost host;

    EndpointRegistry(PluginHost host) {
        this.host = host;
    }

    /**
     * Tells whether any active plugin serves a path, with any method.
     *
     * @param path the request path
     * @return whether it does
     */
    public boolean servesPath(String path) {
        return host.registrations().endpoints().stream().anyMatch(o -> o.value().matches(path));
    }

    /**
     * Answers a request with the plugin endpoint that matches it: an exact path first, else the longest prefix.
     * A {@link HttpResponse.Streaming} answer keeps its plugin version serving until its writer returns, so the
     * caller must call the writer exactly once.
     *
     * @param request the request
     * @return the response, or empty when no endpoint matches
     * @throws Exception what the handler throws; the server answers 500 without showing it
     */
    public Optional<HttpResponse> handle(HttpRequest request) throws Exception {
        Optional<Leases.Lease<HttpEndpoint>> lease = Leases.acquire(() -> find(request));
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        try (Leases.Lease<HttpEndpoint> call = lease.get()) {
            HttpResponse response = call.service().handler().handle(request);
            if (response instanceof HttpResponse.Streaming streaming) {
                Runnable release = call.handOff();
                return Optional.of(new HttpResponse.Streaming(streaming.status(), streaming.headers(), out -> {
                    try {
                        streaming.writer().writeTo(out);
                    } finally {
                        release.run();
                    }
                }));
            }
            return Optional.ofNullable(response);
        }
    }

    private Optional<Owned<HttpEndpoint>> find(HttpRequest request) {
        return host.registrations().endpoints().stream()
                .filter(o -> o.value().method() == request.method() && o.value().matches(request.path()))
                .max(Comparator.comparingInt((Owned<HttpEndpoint> o) -> o.value().path().endsWith("/*") ? 0 : 1)
                        .thenComparingInt(o -> o.value().path().length()));
    }

    /**
     * Finds the WebSocket endpoint for a path. The handler returned stays with the plugin version that serves the
     * path now; when that version is replaced or removed, the connection's next event closes it with 1012
     * (service restart) so the client reconnects to the new version.
     *
     * @param path the path
     * @return the handler, or empty
     */
    public Optional<WebSocketHandler> socket(String path) {
        Owned<WebSocketEndpoint> owned = host.registrations().sockets().get(path);
        if (owned == null) {
            return Optional.empty();
        }
        Owned<WebSocketHandler> handler = new Owned<>(owned.owner(), owned.value().handler());
        return Optional.of(new WebSocketHandler() {
            @Override
            public void onOpen(SocketSession session) {
                Leases.callOwned(handler, h -> {
                    h.onOpen(session);
                    return true;
                }, () -> restart(session));
            }

            @Override
            public void onText(SocketSession session, String text) {
                Leases.callOwned(handler, h -> {
                    h.onText(session, text);
                    return true;
                }, () -> restart(session));
            }

            @Override
            public void onClose(SocketSession session, int code, String reason) {
                Leases.callOwned(handler, h -> {
                    h.onClose(session, code, reason);
                    return true;
                }, () -> false);
            }
        });
    }

    private static boolean restart(SocketSession session) {
        session.close(1012, "plugin reloaded");
        return false;
    }
}
