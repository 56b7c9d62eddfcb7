package dev.jclaw.testkit.session;

import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionStore;

/**
 * The contract against the in-memory store. It lives here, not in the core, because the testkit depends on the
 * core: a core test extending the contract would make the build cyclic.
 */
class InMemorySessionStoreTest extends SessionStoreContract {
    @Override
    protected SessionStore open() {
        return new InMemorySessionStore();
    }

    @Override
    protected SessionStore reopen() {
        return store;
    }
}
