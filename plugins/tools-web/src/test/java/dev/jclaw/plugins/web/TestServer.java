package dev.jclaw.plugins.web;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a loopback address and an ephemeral port, with handlers per path. It records every request
 * it receives, so a test can tell that a refused URL was never fetched.
 */
final class TestServer implements AutoCloseable {

    /** What the server saw of one request. */
    record Seen(String method, String target, String host, String userAgent, String acceptEncoding) {
    }

    /** Writes one response. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private TestServer(String address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    /** A server on 127.0.0.1. */
    static TestServer start() throws IOException {
        return new TestServer("127.0.0.1");
    }

    /** A server on another loopback address, e.g. 127.0.0.2 (Linux routes all of 127/8 to the loopback). */
    static TestServer startOn(String address) throws IOException {
        return new TestServer(address);
    }

    TestServer on(String path, Handler handler) {
        server.createContext(path, exchange -> {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("User-Agent"),
                    exchange.getRequestHeaders().getFirst("Accept-Encoding")));
            try {
                handler.handle(exchange);
            } catch (IOException e) {
                // the client went away, as a timed-out fetch does
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    /** Serves a fixed body with a content type. */
    TestServer page(String path, String contentType, String body) {
        return on(path, exchange -> send(exchange, 200, contentType, body.getBytes(UTF_8)));
    }

    /** Redirects with a status and a Location. */
    TestServer redirect(String path, int status, String location) {
        return on(path, exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} plus the path. */
    String url(String path) {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + port() + path;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
