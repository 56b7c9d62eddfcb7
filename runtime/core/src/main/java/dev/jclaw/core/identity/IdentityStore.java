package dev.jclaw.core.identity;

/**
 * The three identity ports over one storage, opened and closed together: the users, their credentials and the
 * audit log.
 */
public interface IdentityStore extends AutoCloseable {
    /** @return the users */
    UserStore users();

    /** @return the login sessions and API keys */
    CredentialStore credentials();

    /** @return the audit log */
    AuditLog audit();

    /** Lets running operations finish and releases the storage. */
    @Override
    void close();
}
