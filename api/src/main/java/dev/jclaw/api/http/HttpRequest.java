package dev.jclaw.api.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request, fully read. The host caps the body size before a handler sees it.
 *
 * @param method the method
 * @param path the decoded path, e.g. {@code /feishu/events}
 * @param query query parameters, decoded
 * @param headers header values by lower-case name
 * @param body the body bytes, empty when there is none
 * @param remoteAddress the peer's address, for logs and rate limits
 * @since 0.1
 */
public record HttpRequest(HttpMethod method, String path, Map<String, List<String>> query,
                          Map<String, List<String>> headers, byte[] body, String remoteAddress) {
    /** Checks and copies the fields. */
    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
    }

    /**
     * Returns the first value of a header.
     *
     * @param name the name, in any case
     * @return the value, or empty
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * Returns the first value of a query parameter.
     *
     * @param name the name
     * @return the value, or empty
     */
    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /**
     * Returns the body as UTF-8 text.
     *
     * @return the text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
