/**
 * A small, strict JSON model shared by the host and plugins: tool arguments, configuration and HTTP bodies.
 * {@link dev.jclaw.api.json.JsonValue} is sealed over six records; {@link dev.jclaw.api.json.Json} parses and writes.
 *
 * @since 0.1
 */
package dev.jclaw.api.json;
