package dev.jclaw.server.auth;

import dev.jclaw.core.identity.AuditLog;
import dev.jclaw.core.identity.CredentialStore;
import dev.jclaw.core.identity.IdentityStore;
import dev.jclaw.core.identity.LoggedAuditLog;
import dev.jclaw.core.identity.UserStore;
import java.util.function.Supplier;

/**
 * The identity stores, opened on first use and with the audit log also written as JSON lines to the logger
 * {@code jclaw.audit}. The server holds one so that the embedded H2 file, which one process at a time may hold,
 * stays free for {@code jclaw users}, {@code jclaw keys} and {@code jclaw run} until a request needs a user (the
 * bootstrap admin token needs none). A failed opening is not kept: the next use tries again.
 */
public final class LazyIdentity implements IdentityStore {
    private final Supplier<IdentityStore> opener;
    private IdentityStore store; // guarded by this
    private AuditLog audit; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param opener opens the stores; throws {@link dev.jclaw.core.identity.IdentityStoreException} when it cannot
     */
    public LazyIdentity(Supplier<IdentityStore> opener) {
        this.opener = opener;
    }

    /** @return whether the stores were opened */
    public synchronized boolean isOpen() {
        return store != null;
    }

    private synchronized IdentityStore store() {
        if (closed) {
            throw new IllegalStateException("the user store is closed");
        }
        if (store == null) {
            IdentityStore opened = opener.get();
            audit = new LoggedAuditLog(opened.audit());
            store = opened;
        }
        return store;
    }

    @Override
    public UserStore users() {
        return store().users();
    }

    @Override
    public CredentialStore credentials() {
        return store().credentials();
    }

    @Override
    public synchronized AuditLog audit() {
        store();
        return audit;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (store != null) {
            store.close();
        }
    }
}
