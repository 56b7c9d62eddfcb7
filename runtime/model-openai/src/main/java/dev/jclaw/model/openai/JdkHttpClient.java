package dev.jclaw.model.openai;

import com.openai.core.RequestOptions;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpClient;
import com.openai.core.http.HttpRequest;
import com.openai.core.http.HttpRequestBody;
import com.openai.core.http.HttpResponse;
import com.openai.errors.OpenAIIoException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The SDK's HTTP transport over the JDK's {@link java.net.http.HttpClient}, in place of its OkHttp one: OkHttp's
 * connection pool schedules a clean-up under one global lock each time a response ends, which cost a third of the
 * CPU of a turn at 256 concurrent sessions (docs/decisions.md). The JDK client multiplexes all connections on one
 * selector and never blocks a caller's carrier thread.
 *
 * <p>Timeouts: the JDK client has none between chunks of a body, so each response has a watchdog (a virtual
 * thread) that ends a read that has waited longer than the idle timeout, or a body still streaming when the whole
 * request's time is up. They surface as {@link SocketTimeoutException} (idle) and {@link InterruptedIOException}
 * (total), which {@link Errors} tells apart. Interrupting the caller aborts the read at once.
 */
final class JdkHttpClient implements HttpClient {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final java.net.http.HttpClient client;
    private final Duration idle;
    private final Duration total;

    JdkHttpClient(Duration connect, Duration idle, Duration total) {
        this.client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(connect)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.idle = idle;
        this.total = total;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        java.net.http.HttpRequest.Builder builder = request(URI.create(request.url()));
        for (String name : request.headers().names()) {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.headers().values(name).forEach(value -> builder.header(name, value));
            }
        }
        HttpRequestBody body = request.body();
        if (body == null) {
            builder.method(request.method().name(), java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            body.writeTo(bytes);
            builder.header("Content-Type", body.contentType());
            builder.method(request.method().name(),
                    java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray()));
        }
        try {
            return new Response(send(builder));
        } catch (InterruptedIOException e) { // the idle timeout (SocketTimeoutException) or the total
            throw new OpenAIIoException("request timed out", e);
        } catch (IOException e) {
            throw new OpenAIIoException("request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenAIIoException("request interrupted", new InterruptedIOException("interrupted"));
        }
    }

    /** A request whose time to the response's headers is the idle timeout: the idle rule holds from its start too. */
    private java.net.http.HttpRequest.Builder request(URI uri) {
        return java.net.http.HttpRequest.newBuilder(uri).timeout(idle.compareTo(total) < 0 ? idle : total);
    }

    /**
     * Sends a request, its body then watched for the idle and total timeouts.
     *
     * @throws SocketTimeoutException when no response came within the idle timeout
     * @throws InterruptedIOException when the request's whole time ran out first
     */
    private Exchange send(java.net.http.HttpRequest.Builder builder) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + total.toNanos();
        try {
            java.net.http.HttpResponse<InputStream> response = client.send(builder.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            return new Exchange(response.statusCode(), response.headers(),
                    new WatchedBody(response.body(), idle, deadline));
        } catch (HttpTimeoutException e) {
            boolean late = System.nanoTime() - deadline >= 0;
            IOException timeout = late ? new InterruptedIOException("the request ran out of time")
                    : new SocketTimeoutException("no response within the idle timeout");
            timeout.initCause(e);
            throw timeout;
        }
    }

    /**
     * Posts a body directly, without the SDK: the chat path writes and reads its own JSON.
     *
     * @param uri where to
     * @param headers the request's headers
     * @param body the body
     * @return the response; close it (or drain it) when done
     * @throws SocketTimeoutException when no response came within the idle timeout
     * @throws InterruptedIOException when the request's whole time ran out first
     * @throws IOException when the connection failed
     * @throws InterruptedException when the caller was interrupted
     */
    Exchange post(URI uri, Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        java.net.http.HttpRequest.Builder builder = request(uri)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /**
     * A response to {@link #post}.
     *
     * @param status the HTTP status
     * @param headers its headers
     * @param body its body, watched for the timeouts
     */
    record Exchange(int status, java.net.http.HttpHeaders headers, WatchedBody body) implements AutoCloseable {
        /** @return the start of the body as text, at most 64 KB: enough for any error a provider sends */
        String errorText() throws IOException {
            return new String(body.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            body.close();
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        return CompletableFuture.supplyAsync(() -> execute(request, options),
                command -> Thread.ofVirtual().name("model-request").start(command));
    }

    @Override
    public void close() {
        // close() would wait for every response still open to be read to its end
        client.shutdownNow();
    }

    /** A response as the SDK reads it. */
    private record Response(Exchange exchange) implements HttpResponse {
        @Override
        public int statusCode() {
            return exchange.status();
        }

        @Override
        public Headers headers() {
            Headers.Builder headers = Headers.builder();
            exchange.headers().map().forEach(headers::put);
            return headers.build();
        }

        @Override
        public InputStream body() {
            return exchange.body();
        }

        @Override
        public void close() {
            exchange.close();
        }
    }

    /**
     * A response body whose reads may not wait longer than the idle timeout, nor run past the request's deadline.
     * The watchdog closes the stream under a read that overruns (which ends the read at once) and the read reports
     * why; it never interrupts, so a timeout is never mistaken for an abort.
     */
    static final class WatchedBody extends InputStream {
        private static final int OPEN = 0;
        private static final int IDLE = 1;
        private static final int LATE = 2;
        private static final int CLOSED = 3;

        private final InputStream in;
        private final long idleNanos;
        private volatile long deadline;
        private final AtomicInteger state = new AtomicInteger(OPEN);
        private volatile long readStarted;
        private volatile boolean reading;
        private final Thread watchdog;

        WatchedBody(InputStream in, Duration idle, long deadline) {
            this.in = in;
            this.idleNanos = idle.toNanos();
            this.deadline = deadline;
            this.watchdog = Thread.ofVirtual().name("model-response-watchdog").start(this::watch);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            timedOut(null);
            readStarted = System.nanoTime();
            reading = true;
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                timedOut(e);
                throw e;
            } finally {
                reading = false;
            }
        }

        private void timedOut(IOException cause) throws IOException {
            int s = state.get();
            if (s == IDLE || s == LATE) {
                IOException timeout = s == IDLE ? new SocketTimeoutException("no data within the idle timeout")
                        : new InterruptedIOException("the request ran out of time");
                if (cause != null) {
                    timeout.initCause(cause);
                }
                throw timeout;
            }
        }

        private void watch() {
            while (state.get() == OPEN) {
                long now = System.nanoTime();
                // idleness counts only inside a read: between reads the caller is working, not waiting
                long idleAt = reading ? readStarted + idleNanos : now + idleNanos;
                int verdict = now - deadline >= 0 ? LATE : now - idleAt >= 0 ? IDLE : OPEN;
                if (verdict != OPEN) {
                    if (state.compareAndSet(OPEN, verdict)) {
                        closeQuietly();
                    }
                    return;
                }
                LockSupport.parkNanos(this, Math.min(idleAt, deadline) - now);
            }
        }

        /**
         * Reads what is left of the body (after an event stream's {@code [DONE]}, the end of the chunked body) and
         * closes it, so that the connection goes back to the pool instead of being dropped; waits at most
         * {@code limit} for it, then closes it anyway.
         *
         * @param limit how long to wait for the rest
         */
        void drain(Duration limit) {
            long until = System.nanoTime() + limit.toNanos();
            if (until - deadline < 0) {
                deadline = until;
                LockSupport.unpark(watchdog);
            }
            byte[] scratch = new byte[512];
            try {
                for (int total = 0; total < 64 * 1024; ) {
                    int n = read(scratch, 0, scratch.length);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                }
            } catch (IOException ignored) {
                // the connection is dropped rather than reused: nothing is lost
            }
            close();
        }

        @Override
        public void close() {
            if (state.compareAndSet(OPEN, CLOSED)) {
                LockSupport.unpark(watchdog);
            }
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                in.close();
            } catch (IOException ignored) {
                // nothing more to read or release
            }
        }
    }
}
