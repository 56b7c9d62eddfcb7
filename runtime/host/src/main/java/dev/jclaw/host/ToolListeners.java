package dev.jclaw.host;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of {@link PluginHost#onToolsChanged}. They run on a virtual thread of their own, never on the thread
 * that changed the registrations: that thread holds the host's lock, which a listener must not hold up or need.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class ToolListeners {
    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void add(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(Runnable listener) {
        listeners.remove(listener);
    }

    /** Tells every listener, on a thread of its own, that the tools changed. */
    void changed() {
        if (listeners.isEmpty()) {
            return;
        }
        Thread.ofVirtual().name("tools-listeners").start(() -> {
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a listener of the plugins' tools failed", e);
                }
            }
        });
    }
}
