package dev.jclaw.testkit.memory;

import dev.jclaw.core.memory.InMemoryMemoryStore;
import dev.jclaw.core.memory.MemoryStore;

class InMemoryMemoryStoreTest extends MemoryStoreContract {
    @Override
    protected MemoryStore open() {
        return new InMemoryMemoryStore();
    }

    @Override
    protected MemoryStore reopen() {
        return store;
    }

    @Override
    protected boolean durable() {
        return false;
    }
}
