package dev.jclaw.store.jdbc;

import dev.jclaw.core.session.InMemorySessionStore;
import dev.jclaw.core.session.SessionStore;

import dev.jclaw.testkit.session.SessionStoreContract;

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
