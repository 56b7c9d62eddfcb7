package dev.jclaw.store.jdbc;

import dev.jclaw.core.model.ToolCall;
import dev.jclaw.core.session.Entry;
import dev.jclaw.core.session.SessionId;
import dev.jclaw.core.session.SessionKey;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link H2KillTest} kills: writes a conversation whose last step is a tool call still running, then
 * keeps writing notes, printing each entry's id once {@code append} has returned.
 */
public final class CrashChild {
    private CrashChild() {
    }

    /**
     * Runs until killed.
     *
     * @param args the data directory
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        JdbcSessionStore store = JdbcSessionStore.h2(Path.of(args[0]));
        SessionId id = store.current(new SessionKey("cli:alice")).id();
        store.append(id, new Entry.User("run both"));
        store.append(id, new Entry.Assistant("", "", List.of(new ToolCall("c1", "bash", "{\"command\":\"sleep 99\"}"),
                new ToolCall("c2", "read", "{}")), false));
        System.out.println("written " + store.append(id, new Entry.ToolOutput("c2", "read", "ok", false)).id());
        SessionId other = store.current(new SessionKey("cli:bob")).id();
        for (int i = 0; ; i++) {
            System.out.println("written " + store.append(other, new Entry.Note("note " + i)).id());
            if (i % 50 == 0) {
                Thread.sleep(1);
            }
        }
    }
}
