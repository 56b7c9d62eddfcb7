package dev.jclaw.server.http;

import dev.jclaw.config.JClawConfig.ConnectionLimits;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps slow, silent and numerous clients from holding the server's sockets and threads, which Helidon 4.5 alone
 * does not: it applies no read timeout to server sockets, its idle timeout does not reach a request whose headers
 * are half sent, and its connection cap leaves extra connections waiting in the accept backlog.
 *
 * <ul>
 *   <li>a connection beyond {@code max-connections} is answered 503 and closed as it is accepted;</li>
 *   <li>every read waits at most {@code read-timeout} (the socket's read timeout), except on a WebSocket;</li>
 *   <li>the first line and headers of a request must arrive within {@code header-timeout}, counted from the
 *       connection, or on a kept-alive connection from the request's first line; a watchdog closes the socket
 *       otherwise, so a client that trickles one byte at a time is dropped too.</li>
 * </ul>
 *
 * <p>The listener must read through {@code java.net.Socket} streams ({@code use-nio} off): Helidon's NIO socket
 * reads the channel directly, and a channel read knows no timeout.
 *
 * <p>Helidon hands the accepted channel to {@link #socketOptions()} and reports each request's first line and
 * headers to {@link #listener()}; connections are known by their remote address. A closed socket ends Helidon's
 * connection loop quietly (it logs that at TRACE).
 */
public final class ConnectionGuard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    private static final long DISARMED = Long.MAX_VALUE;
    private static final byte[] TOO_MANY = response(503, "Service Unavailable",
            "{\"error\":\"the server has too many open connections; try again shortly\"}");

    private final ConnectionLimits limits;
    /**
     * TCP_NODELAY: a streamed answer is many small writes, and with Nagle's algorithm on (Helidon's default) each
     * waits for the client's delayed acknowledgement of the one before — about 40 ms a turn on Linux.
     */
    private final SocketOptions defaults = SocketOptions.builder().tcpNoDelay(true).build();
    private final Map<SocketAddress, Tracked> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog;

    /**
     * Creates the guard and starts its watchdog.
     *
     * @param limits the configured limits
     */
    public ConnectionGuard(ConnectionLimits limits) {
        this.limits = limits;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("jclaw-connection-watchdog").factory());
        long tick = Math.clamp(limits.headerTimeout().toMillis() / 4, 25, 1000);
        watchdog.scheduleWithFixedDelay(this::sweep, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** @return the options Helidon applies to each accepted connection: the cap and the read timeout */
    public SocketOptions socketOptions() {
        return new Accepting();
    }

    /** @return the listener that sees each request's first line and headers */
    public Http1ConnectionListener listener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                tracked(ctx).ifPresent(t -> t.arm(System.nanoTime() + limits.headerTimeout().toNanos()));
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                tracked(ctx).ifPresent(t -> {
                    t.deadline = DISARMED;
                    if (headers.contains(HeaderNames.UPGRADE)) {
                        t.waitForever(); // a WebSocket may be silent for long; idle-timeout-seconds limits it
                    }
                });
            }
        };
    }

    /** @return the number of client connections open now */
    public int openConnections() {
        open.values().removeIf(t -> !t.channel.isOpen());
        return open.size();
    }

    private Optional<Tracked> tracked(ConnectionContext ctx) {
        return Optional.ofNullable(open.get(ctx.remotePeer().address()));
    }

    private void admit(SocketChannel channel) throws IOException {
        if (open.size() >= limits.maxConnections() && openConnections() >= limits.maxConnections()) {
            // the socket is fresh: its send buffer takes this small answer without blocking
            channel.write(ByteBuffer.wrap(TOO_MANY));
            throw new IOException("over max-connections"); // Helidon closes the socket and logs at TRACE
        }
        channel.socket().setSoTimeout(Math.toIntExact(limits.readTimeout().toMillis()));
        Tracked tracked = new Tracked(channel);
        tracked.arm(System.nanoTime() + limits.headerTimeout().toNanos());
        open.put(channel.getRemoteAddress(), tracked);
    }

    private void sweep() {
        long now = System.nanoTime();
        open.values().removeIf(t -> !t.channel.isOpen());
        for (Tracked t : open.values()) {
            long deadline = t.deadline;
            if (deadline != DISARMED && now - deadline > 0) {
                t.close();
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        open.clear();
    }

    private static byte[] response(int status, String reason, String json) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length() + "\r\nConnection: close\r\n\r\n" + json).getBytes(StandardCharsets.US_ASCII);
    }

    private static final class Tracked {
        final SocketChannel channel;
        volatile long deadline = DISARMED;

        Tracked(SocketChannel channel) {
            this.channel = channel;
        }

        void arm(long at) {
            if (deadline == DISARMED) {
                deadline = at;
            }
        }

        void waitForever() {
            try {
                channel.socket().setSoTimeout(0);
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            LOG.log(System.Logger.Level.DEBUG, () -> "closing a connection that did not send its request "
                    + "headers in time: " + remote());
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.TRACE, "closing a timed-out connection failed", e);
            }
        }

        private String remote() {
            try {
                return String.valueOf(channel.getRemoteAddress());
            } catch (IOException e) {
                return "a closed socket";
            }
        }
    }

    /** Helidon's defaults, plus the admission check and the read timeout for each accepted channel. */
    private final class Accepting implements SocketOptions {
        @Override
        public void configureSocket(SocketChannel socket) {
            defaults.configureSocket(socket);
            try {
                admit(socket);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<SocketOption<?>, Object> socketOptions() {
            return defaults.socketOptions();
        }

        @Override
        public Duration connectTimeout() {
            return defaults.connectTimeout();
        }

        @Override
        public Duration readTimeout() {
            return limits.readTimeout();
        }

        @Override
        public Optional<Integer> socketReceiveBufferSize() {
            return defaults.socketReceiveBufferSize();
        }

        @Override
        public Optional<Integer> socketSendBufferSize() {
            return defaults.socketSendBufferSize();
        }

        @Override
        public boolean socketReuseAddress() {
            return defaults.socketReuseAddress();
        }

        @Override
        public boolean socketKeepAlive() {
            return defaults.socketKeepAlive();
        }

        @Override
        public boolean tcpNoDelay() {
            return defaults.tcpNoDelay();
        }
    }
}
