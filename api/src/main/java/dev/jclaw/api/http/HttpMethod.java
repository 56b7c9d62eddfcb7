package dev.jclaw.api.http;

/**
 * The HTTP methods an endpoint can answer.
 *
 * @since 0.1
 */
public enum HttpMethod {
    /** GET. */
    GET,
    /** POST. */
    POST,
    /** PUT. */
    PUT,
    /** DELETE. */
    DELETE,
    /** PATCH. */
    PATCH
}
