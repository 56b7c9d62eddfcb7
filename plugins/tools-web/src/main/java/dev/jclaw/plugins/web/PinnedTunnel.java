package dev.jclaw.plugins.web;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A relay on the loopback interface that the HTTP client uses as its proxy for one request, so that the client's
 * connection goes to an address the {@link AddressGuard} checked, never to one it would resolve itself.
 *
 * <p>{@code java.net.http} has no resolver hook, and connecting to an IP literal would break TLS host name checks
 * and virtual hosting. Through a proxy, the client never resolves the target: for https it asks the proxy to
 * {@code CONNECT host:443} and runs TLS end to end through it (SNI and host name verification as usual); for http it
 * sends the request in absolute form, which this relay rewrites to origin form before passing it on. Either way the
 * relay connects to the pinned addresses, trying them in order, and only for the expected {@code host:port}.
 *
 * <p>The relay accepts connections until closed, and closes itself at the deadline, which cuts off a server that
 * sends slowly. Its threads are virtual and end when it closes. Another local process could connect to it while it
 * is open; it would reach only the checked public address, so that gains nothing.
 */
final class PinnedTunnel implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 16 * 1024;
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};

    private final WebUrl target;
    private final List<InetAddress> addresses;
    private final Instant deadline;
    private final ServerSocket server;
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile boolean expired;
    private final Thread timer;

    private PinnedTunnel(WebUrl target, List<InetAddress> addresses, Instant deadline) throws IOException {
        this.target = target;
        this.addresses = List.copyOf(addresses);
        this.deadline = deadline;
        this.server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("web_fetch-relay").start(this::acceptLoop);
        this.timer = Thread.ofVirtual().name("web_fetch-deadline").start(this::expireAtDeadline);
    }

    /** Opens a relay to the given checked addresses of {@code target}. */
    static PinnedTunnel open(WebUrl target, List<InetAddress> addresses, Instant deadline) throws IOException {
        return new PinnedTunnel(target, addresses, deadline);
    }

    /** Where the client finds the relay: its proxy address. */
    InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    /** Why the server could not be reached or closed without answering, once that happened. */
    Optional<String> failure() {
        return Optional.ofNullable(failed.getNow(null));
    }

    /**
     * Completes when the server could not be reached or closed the connection without a byte of answer. The
     * client may not notice the latter on its own: {@code java.net.http} waits out its connect timeout when a
     * server hangs up in the middle of the TLS handshake.
     */
    CompletableFuture<String> failed() {
        return failed;
    }

    /** Whether the deadline closed the relay. */
    boolean expired() {
        return expired;
    }

    @Override
    public void close() {
        closed = true;
        timer.interrupt();
        closeQuietly(server);
        Socket socket;
        while ((socket = sockets.poll()) != null) {
            closeQuietly(socket);
        }
    }

    private void expireAtDeadline() {
        try {
            Thread.sleep(Duration.between(Instant.now(), deadline).plusMillis(1));
            expired = true;
            close();
        } catch (InterruptedException e) {
            // closed before the deadline
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                track(client);
                Thread.ofVirtual().name("web_fetch-relay-connection").start(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try {
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            byte[] head = readHead(fromClient);
            int end = indexOf(head, head.length, HEAD_END);
            int lineEnd = indexOf(head, head.length, new byte[] {'\r', '\n'});
            if (end < 0 || lineEnd < 0) {
                reply(toClient, "400 Bad Request");
                return;
            }
            String[] line = new String(head, 0, lineEnd, ISO_8859_1).split(" ");
            // https: only a CONNECT to the target; http: only an absolute-form request for the target
            boolean connect = target.isHttps() && line.length == 3 && line[0].equals("CONNECT");
            Optional<String> originForm = target.isHttps() || line.length != 3 ? Optional.empty() : originForm(line[1]);
            if (!(connect && line[1].toLowerCase(Locale.ROOT).equals(target.authority())) && originForm.isEmpty()) {
                reply(toClient, "403 Forbidden");
                return;
            }
            Socket upstream = connectUpstream();
            if (upstream == null) {
                reply(toClient, "502 Bad Gateway");
                return;
            }
            OutputStream toUpstream = upstream.getOutputStream();
            if (connect) {
                toClient.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(ISO_8859_1));
                toClient.flush();
                toUpstream.write(head, end + HEAD_END.length, head.length - end - HEAD_END.length);
            } else {
                toUpstream.write((line[0] + " " + originForm.get() + " " + line[2]).getBytes(ISO_8859_1));
                toUpstream.write(head, lineEnd, head.length - lineEnd);
            }
            toUpstream.flush();
            Thread up = Thread.ofVirtual().name("web_fetch-relay-up").start(() -> pipe(client, upstream));
            if (pipe(upstream, client) == 0 && !closed) {
                failed.complete("the server at " + upstream.getInetAddress().getHostAddress() + " closed the"
                        + " connection without answering" + (connect ? " (during the TLS handshake)" : ""));
            }
            // the server is done: end the connection, which also tells a client still in its TLS handshake
            closeQuietly(upstream);
            closeQuietly(client);
            up.join();
        } catch (IOException | InterruptedException e) {
            // the client, the server or the deadline closed the connection
        } finally {
            closeQuietly(client);
        }
    }

    /** The request target in origin form, when the absolute-form target is the expected http host and port. */
    private Optional<String> originForm(String requestTarget) {
        try {
            URI uri = new URI(requestTarget);
            int port = uri.getPort() < 0 ? 80 : uri.getPort();
            if (!"http".equals(uri.getScheme()) || uri.getHost() == null
                    || !(uri.getHost().toLowerCase(Locale.ROOT) + ":" + port).equals(target.authority())) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return Optional.of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private Socket connectUpstream() {
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < addresses.size(); i++) {
            InetAddress address = addresses.get(i);
            Socket socket = new Socket();
            track(socket);
            try {
                // share the time left among the addresses still to try, so one that drops packets cannot use it all
                long left = Duration.between(Instant.now(), deadline).toMillis();
                int timeout = Math.clamp(left / (addresses.size() - i), 1, Integer.MAX_VALUE);
                socket.connect(new InetSocketAddress(address, target.port()), timeout);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                failures.append(failures.isEmpty() ? "" : ", ").append(address.getHostAddress()).append(": ")
                        .append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        }
        failed.complete("could not connect to " + target.host() + " port " + target.port()
                + " (" + failures + ")");
        return null;
    }

    private static byte[] readHead(InputStream in) throws IOException {
        byte[] buffer = new byte[MAX_HEAD_BYTES];
        int length = 0;
        while (length < buffer.length && indexOf(buffer, length, HEAD_END) < 0) {
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        return Arrays.copyOf(buffer, length);
    }

    /** Copies until the end of the stream or an error; returns how many bytes went through. */
    private static long pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        long copied = 0;
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
                copied += read;
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
        return copied;
    }

    private static void reply(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
        out.flush();
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void track(Socket socket) {
        sockets.add(socket);
        if (closed) {
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing left to do with it
        }
    }
}
