/**
 * Loading {@code jclaw.json}: discovery, {@code {env:VAR}} placeholders, {@code JCLAW_*} environment overrides
 * and validation against {@code configs/jclaw.schema.json}, which is the single source of truth for keys, types,
 * ranges and defaults.
 *
 * <pre>{@code
 * JClawConfig config = ConfigLoader.system().load();   // throws ConfigException with a one-line message
 * int port = config.server().port();
 * }</pre>
 */
package dev.jclaw.config;
