package dev.jclaw.agent;

import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionKey;
import dev.jclaw.core.session.SessionRouter;
import dev.jclaw.core.session.SessionStore;
import dev.jclaw.agent.memory.MemoryTools;

/** What the memory tools learn about the conversation that calls them, from the session store. */
final class ToolCallers implements MemoryTools.Conversations {
    private final SessionStore store;
    private final SessionRouter router;

    ToolCallers(SessionStore store, SessionRouter router) {
        this.store = store;
        this.router = router;
    }

    @Override
    public String currentSession(String sessionKey) {
        return router.route(new SessionKey(sessionKey)).value();
    }

    @Override
    public boolean executedSomething(String sessionKey) {
        for (Entry e : store.path(router.route(new SessionKey(sessionKey)))) {
            if (e.body() instanceof Entry.ToolOutput out && !out.error() && !MemoryTools.NAMES.contains(out.tool())) {
                return true;
            }
        }
        return false;
    }
}
