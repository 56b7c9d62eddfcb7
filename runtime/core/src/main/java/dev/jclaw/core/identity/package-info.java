/**
 * Identity: the users who may use the agent ({@link dev.jclaw.core.identity.UserStore}), the credentials they hold
 * ({@link dev.jclaw.core.identity.CredentialStore}: login sessions and API keys, only hashes kept) and the
 * append-only record of who did what ({@link dev.jclaw.core.identity.AuditLog}). Ports only: the server hashes
 * passwords and tokens and decides who a request is; {@code dev.jclaw.store.jdbc} keeps the rows.
 */
package dev.jclaw.core.identity;
