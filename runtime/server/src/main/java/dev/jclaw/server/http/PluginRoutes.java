package dev.jclaw.server.http;

import dev.jclaw.api.http.HttpMethod;
import dev.jclaw.api.http.HttpRequest;
import dev.jclaw.api.http.HttpResponse;
import dev.jclaw.host.EndpointRegistry;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Routes every request the host does not serve itself to the plugins' endpoints, looked up per request so that
 * endpoints come and go with hot reload. Adapts Helidon's request and response to the plugin API's records.
 */
public final class PluginRoutes {
    private static final System.Logger LOG = System.getLogger(PluginRoutes.class.getName());
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET);
    private final EndpointRegistry endpoints;
    private final HostPolicy hosts;

    /**
     * Creates the dispatcher.
     *
     * @param endpoints the plugins' endpoints
     * @param hosts which {@code Host} and {@code Origin} headers the endpoints answer to
     */
    public PluginRoutes(EndpointRegistry endpoints, HostPolicy hosts) {
        this.endpoints = endpoints;
        this.hosts = hosts;
    }

    /**
     * Adds the catch-all route; register it after the host's own routes.
     *
     * @param routing the routing
     */
    public void register(HttpRouting.Builder routing) {
        routing.any(this::dispatch);
    }

    private void dispatch(ServerRequest req, ServerResponse res) throws Exception {
        String path = req.path().path();
        Optional<HttpMethod> method = method(req.prologue().method().text());
        if (method.isEmpty()) {
            JsonResponses.error(res, 405, "method " + req.prologue().method().text() + " is not supported");
            return;
        }
        Optional<String> refusal = hosts.refusal(req.headers().first(HeaderNames.HOST),
                req.headers().first(HeaderNames.ORIGIN), !SAFE.contains(method.get()));
        if (refusal.isPresent()) {
            JsonResponses.error(res, 403, refusal.get());
            return;
        }
        HttpRequest request = new HttpRequest(method.get(), path, query(req), headers(req), body(req),
                req.remotePeer().address().toString());
        Optional<HttpResponse> answer;
        try {
            answer = endpoints.handle(request);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "plugin endpoint " + method.get() + " " + path + " failed", e);
            JsonResponses.error(res, 500, "the plugin serving " + path + " failed; see the server log");
            return;
        }
        if (answer.isEmpty()) {
            boolean otherMethod = endpoints.servesPath(path);
            JsonResponses.error(res, otherMethod ? 405 : 404,
                    otherMethod ? "method " + method.get() + " is not allowed on " + path : "no endpoint at " + path);
            return;
        }
        HttpResponse response = answer.get();
        res.status(response.status());
        response.headers().forEach(res::header);
        switch (response) {
            case HttpResponse.Full full -> res.send(full.body());
            case HttpResponse.Streaming streaming -> {
                try (OutputStream out = res.outputStream()) {
                    streaming.writer().writeTo(out);
                }
            }
        }
    }

    private static Optional<HttpMethod> method(String name) {
        try {
            return Optional.of(HttpMethod.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, List<String>> query(ServerRequest req) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            query.put(name, req.query().all(name));
        }
        return query;
    }

    private static Map<String, List<String>> headers(ServerRequest req) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : req.headers()) {
            headers.put(header.name().toLowerCase(Locale.ROOT), header.allValues());
        }
        return headers;
    }

    private static byte[] body(ServerRequest req) {
        // the listener's max-payload-size refuses an oversized body with 413 before this reads it
        return req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
    }
}
