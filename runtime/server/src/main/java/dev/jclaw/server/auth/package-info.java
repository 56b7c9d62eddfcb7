/**
 * Who a request is: passwords (argon2id), login session tokens and API keys (random, stored as SHA-256), the
 * {@link dev.jclaw.server.auth.Authenticator} that turns an {@code Authorization} header into a
 * {@link dev.jclaw.api.gateway.Principal}, login throttling, and the account operations the CLI and the HTTP API
 * share, each audited.
 */
package dev.jclaw.server.auth;
