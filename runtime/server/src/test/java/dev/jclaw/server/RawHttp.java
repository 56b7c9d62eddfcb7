package dev.jclaw.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A client that writes exactly the bytes it is given: half-sent requests, HTTP/1.0, bad versions, oversized lines,
 * which {@code java.net.http} refuses to send.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    static RawHttp connect(String url) throws IOException {
        URI uri = URI.create(url);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(10_000);
        return new RawHttp(socket);
    }

    RawHttp send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** What the server answered, read until it closes the connection or the response's body is complete. */
    Response read() throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            bytes.write(buffer, 0, n);
            Response partial = Response.parse(bytes.toString(StandardCharsets.ISO_8859_1));
            if (partial.complete()) {
                return partial;
            }
        }
        return Response.parse(bytes.toString(StandardCharsets.ISO_8859_1));
    }

    /**
     * Waits for the server to close the connection without answering.
     *
     * @return how long that took, or empty when the server still held it open after {@code limit}
     */
    java.util.Optional<Duration> awaitClosed(Duration limit) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout(Math.toIntExact(limit.toMillis()));
        try {
            while (socket.getInputStream().read() != -1) {
                // an answer before the close does not count as holding the connection
            }
        } catch (SocketTimeoutException e) {
            return java.util.Optional.empty();
        } catch (java.net.SocketException e) {
            // reset by the server: closed as well
        }
        return java.util.Optional.of(Duration.ofNanos(System.nanoTime() - start));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Response(int status, String head, String body) {
        static Response parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/") || end < 0) {
                return new Response(0, text, "");
            }
            return new Response(Integer.parseInt(text.substring(9, 12)), text.substring(0, end),
                    text.substring(end + 4));
        }

        boolean complete() {
            String length = header("content-length");
            return status == 101 || status != 0 && length != null && body.length() >= Integer.parseInt(length);
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }
}
