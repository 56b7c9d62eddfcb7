package dev.jclaw.api.http;

/**
 * Answers requests to one endpoint. Called on a virtual thread per request; must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * Answers a request.
     *
     * @param request the request
     * @return the response
     * @throws Exception answered with 500 and a generic message; the exception is logged, never sent
     */
    HttpResponse handle(HttpRequest request) throws Exception;
}
