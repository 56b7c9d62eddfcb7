package dev.jclaw.plugins.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Fetches a URL hop by hop: for each hop it clears the host with the {@link AddressGuard}, then sends one GET
 * through a {@link PinnedTunnel} to the checked addresses. Redirects are followed here, at most
 * {@value #MAX_REDIRECTS}, each target cleared like the first, never by the HTTP client. The whole fetch, redirects
 * included, ends at the configured timeout or the call's deadline, whichever comes first. Bodies of types that
 * cannot be read are not downloaded; others are read up to {@code max-bytes} after decompression. Thread-safe: each
 * hop has its own client and relay, closed before the next.
 */
final class Fetcher {

    static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final String ACCEPT = "text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,"
            + "application/json;q=0.9,*/*;q=0.5";

    /** The outcome of a fetch. */
    sealed interface Result {
        /**
         * A body web_fetch can read.
         *
         * @param url the final URL, after redirects
         * @param type the declared type
         * @param kind what to do with the body; never {@code UNREADABLE}
         * @param body the bytes read, at most {@code max-bytes}
         * @param cut whether the body was longer than {@code max-bytes}
         */
        record Page(WebUrl url, ContentType type, ContentType.Kind kind, byte[] body, boolean cut) implements Result {
        }

        /** @param message one sentence for the model */
        record Failure(String message) implements Result {
        }
    }

    private final FetchSettings settings;
    private final AddressGuard guard;
    private final SSLContext tls;

    Fetcher(FetchSettings settings, AddressGuard guard, SSLContext tls) {
        this.settings = settings;
        this.guard = guard;
        this.tls = tls;
    }

    /**
     * Fetches a URL, following redirects.
     *
     * @param start the URL the model asked for
     * @param callDeadline the deadline of the tool call
     * @return the page or why there is none
     * @throws InterruptedException when the call is aborted
     */
    Result fetch(WebUrl start, Instant callDeadline) throws InterruptedException {
        Instant began = Instant.now();
        Instant configured = began.plus(settings.timeout());
        Instant deadline = configured.isBefore(callDeadline) ? configured : callDeadline;
        WebUrl url = start;
        String via = ""; // how a redirect led here, for messages
        for (int redirects = 0; ; redirects++) {
            AddressGuard.Clearance clearance;
            try {
                clearance = guard.clear(url, deadline);
            } catch (TimeoutException e) {
                return timedOut(url, began, deadline);
            }
            Hop hop = switch (clearance) {
                case AddressGuard.Clearance.Refused refused -> new Hop.Done(new Result.Failure(via + refused.message()));
                case AddressGuard.Clearance.Cleared cleared -> send(url, cleared, began, deadline);
            };
            switch (hop) {
                case Hop.Done done -> {
                    return done.result();
                }
                case Hop.Redirect redirect -> {
                    if (redirects == MAX_REDIRECTS) {
                        return new Result.Failure("gave up after " + MAX_REDIRECTS + " redirects, the last from "
                                + url + " to " + shorten(redirect.location()));
                    }
                    switch (url.resolve(redirect.location())) {
                        case WebUrl.Parsed.Valid valid -> {
                            via = url + " redirected to " + valid.url() + "; ";
                            url = valid.url();
                        }
                        case WebUrl.Parsed.Invalid invalid -> {
                            return new Result.Failure(url + " redirected to " + shorten(redirect.location()) + "; "
                                    + invalid.message());
                        }
                    }
                }
            }
        }
    }

    /** What one request led to. */
    private sealed interface Hop {
        record Done(Result result) implements Hop {
        }

        record Redirect(String location) implements Hop {
        }
    }

    private Hop send(WebUrl url, AddressGuard.Clearance.Cleared cleared, Instant began, Instant deadline)
            throws InterruptedException {
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative() || left.isZero()) {
            return new Hop.Done(timedOut(url, began, deadline));
        }
        PinnedTunnel tunnel;
        try {
            tunnel = PinnedTunnel.open(url, cleared.addresses(), deadline);
        } catch (IOException e) {
            return new Hop.Done(new Result.Failure("web_fetch could not open its relay: " + describe(e)));
        }
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(tunnel.address()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(left)
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(tls)
                .build();
        try (tunnel) {
            HttpRequest request = HttpRequest.newBuilder(url.uri())
                    .timeout(left)
                    .header("User-Agent", settings.userAgent())
                    .header("Accept", ACCEPT)
                    .header("Accept-Encoding", "gzip, deflate")
                    .GET()
                    .build();
            HttpResponse<InputStream> response = await(client.sendAsync(request,
                    HttpResponse.BodyHandlers.ofInputStream()), tunnel, left);
            try (InputStream body = response.body()) {
                Optional<String> unreachable = tunnel.failure(); // e.g. the relay's 502, not the server's
                if (unreachable.isPresent()) {
                    return new Hop.Done(new Result.Failure("fetching " + url + " failed: " + unreachable.get()));
                }
                Hop hop = answer(url, response, body);
                return tunnel.expired() ? new Hop.Done(timedOut(url, began, deadline)) : hop;
            }
        } catch (HttpTimeoutException e) {
            return new Hop.Done(timedOut(url, began, deadline));
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted() || e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("web_fetch was interrupted");
            }
            if (tunnel.expired() || !Instant.now().isBefore(deadline)) {
                return new Hop.Done(timedOut(url, began, deadline));
            }
            Optional<String> unreachable = tunnel.failure();
            if (unreachable.isPresent()) {
                return new Hop.Done(new Result.Failure("fetching " + url + " failed: " + unreachable.get()));
            }
            String what = e instanceof SSLException ? "the TLS handshake failed: " : "";
            return new Hop.Done(new Result.Failure("fetching " + url + " failed: " + what + describe(e)));
        } finally {
            client.shutdownNow();
        }
    }

    /** Waits for the response headers, or for the relay to see the server fail, whichever comes first. */
    private static HttpResponse<InputStream> await(CompletableFuture<HttpResponse<InputStream>> pending,
            PinnedTunnel tunnel, Duration left) throws IOException, InterruptedException {
        try {
            CompletableFuture.anyOf(pending, tunnel.failed()).get(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new HttpTimeoutException("no response in time");
        } catch (ExecutionException e) {
            // the request failed; reported below
        }
        if (!pending.isDone()) {
            pending.cancel(true);
            throw new IOException("the relay reports: " + tunnel.failure().orElse("failure"));
        }
        try {
            return pending.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private Hop answer(WebUrl url, HttpResponse<InputStream> response, InputStream body) throws IOException {
        int status = response.statusCode();
        if (REDIRECTS.contains(status)) {
            Optional<String> location = response.headers().firstValue("Location");
            return location.<Hop>map(Hop.Redirect::new).orElseGet(() -> new Hop.Done(new Result.Failure(
                    url + " answered HTTP " + status + " (a redirect) without a Location header")));
        }
        if (status < 200 || status > 299) {
            return new Hop.Done(new Result.Failure(url + " answered HTTP " + status + hint(status)));
        }
        ContentType type = ContentType.parse(response.headers().firstValue("Content-Type"));
        if (type.kind() == ContentType.Kind.UNREADABLE) {
            return new Hop.Done(new Result.Failure(url + " is " + type.mediaType() + ", which web_fetch cannot read;"
                    + " it reads HTML and text (plain, markdown, JSON, XML)"));
        }
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").strip()
                .toLowerCase(Locale.ROOT);
        InputStream decoded;
        try {
            decoded = switch (encoding) {
                case "identity", "" -> body;
                case "gzip", "x-gzip" -> new GZIPInputStream(body);
                case "deflate" -> new InflaterInputStream(body);
                default -> null;
            };
        } catch (ZipException e) {
            return new Hop.Done(new Result.Failure(url + " sent a body marked " + encoding + " that does not"
                    + " decompress: " + describe(e)));
        }
        if (decoded == null) {
            return new Hop.Done(new Result.Failure(url + " sent its body encoded as '" + encoding + "', which"
                    + " web_fetch cannot decode"));
        }
        byte[] bytes;
        boolean cut;
        try {
            bytes = decoded.readNBytes(settings.maxBytes());
            cut = decoded.read() >= 0;
        } catch (ZipException e) {
            return new Hop.Done(new Result.Failure(url + " sent a body marked " + encoding + " that does not"
                    + " decompress: " + describe(e)));
        }
        ContentType.Kind kind = type.kind() == ContentType.Kind.UNKNOWN ? ContentType.sniff(bytes) : type.kind();
        if (kind == ContentType.Kind.UNREADABLE) {
            return new Hop.Done(new Result.Failure(url + " sent no content type and its body looks binary;"
                    + " web_fetch reads HTML and text only"));
        }
        return new Hop.Done(new Result.Page(url, type, kind, bytes, cut));
    }

    private Result.Failure timedOut(WebUrl url, Instant began, Instant deadline) {
        long seconds = Math.max(1, Duration.between(began, deadline).toMillis() / 1000);
        boolean callEnded = deadline.isBefore(began.plus(settings.timeout()));
        return new Result.Failure("fetching " + url + " timed out after " + seconds + " s"
                + (callEnded ? " (the tool call's deadline)" : "; the server is too slow or the page too large"));
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** A few words that help the model decide what to do about an HTTP error. */
    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> "; the page needs a login or refuses automated clients";
            case 404, 410 -> "; the page does not exist";
            case 429 -> "; the server is rate limiting, try again later";
            default -> status >= 500 ? "; the server failed, try again later" : "";
        };
    }
}
