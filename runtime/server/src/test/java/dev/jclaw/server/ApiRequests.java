package dev.jclaw.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests to a test server's JSON API as a client sends them: a method, a path, a bearer token, a body. */
final class ApiRequests {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private ApiRequests() {
    }

    /**
     * Sends one request and reads the answer as text.
     *
     * @param base the server's URL, e.g. {@code http://127.0.0.1:7878}
     * @param type the body's content type, or null for none
     * @param token the bearer token, or null for none
     * @param body the body, or null for none
     */
    static HttpResponse<String> send(String base, String method, String path, String token, String type, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                // as upload clients do: a body over server.max-body-bytes is refused before it is read (docs/api.md)
                .expectContinue(body != null && body.length() > 256 * 1024);
        if (type != null) {
            request.header("Content-Type", type);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
