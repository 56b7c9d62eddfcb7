package dev.jclaw.api.http;

import java.util.Objects;

/**
 * An HTTP endpoint. The path is exact ({@code /feishu/events}) or a prefix ending in {@code /*}
 * ({@code /chat/*} matches {@code /chat} and everything below it). Paths under {@code /api/} and
 * {@code /health} belong to the host and are refused.
 *
 * <pre>{@code
 * new HttpEndpoint(HttpMethod.GET, "/hello", request -> HttpResponse.text(200, "hi"));
 * }</pre>
 *
 * @param method the method answered
 * @param path the path pattern
 * @param handler the handler
 * @since 0.1
 */
public record HttpEndpoint(HttpMethod method, String path, HttpHandler handler) {
    /** Checks the fields. */
    public HttpEndpoint {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/") || path.contains("//") || path.contains("..")) {
            throw new IllegalArgumentException("endpoint path '" + path + "' must start with '/' and be normalised");
        }
    }

    /**
     * Tells whether this endpoint serves a path.
     *
     * @param requestPath the request's path
     * @return {@code true} on an exact match, or below a {@code /*} prefix
     */
    public boolean matches(String requestPath) {
        if (path.endsWith("/*")) {
            String prefix = path.substring(0, path.length() - 2);
            return requestPath.equals(prefix) || requestPath.startsWith(prefix + "/");
        }
        return requestPath.equals(path);
    }
}
