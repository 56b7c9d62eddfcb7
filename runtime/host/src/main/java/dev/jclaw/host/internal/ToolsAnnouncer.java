package dev.jclaw.host.internal;

import dev.jclaw.api.tool.ToolsChanged;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One plugin version's {@link ToolsChanged}. An announcement marks the version's tools dirty and, unless a refresh
 * is already due, schedules one {@link #QUIET} later on a virtual thread of its own, so that a burst of announcements
 * costs one refresh and the announcing thread never waits. An announcement that arrives while a refresh runs brings
 * another one after it. Before the version is registered, announcements are kept until it is; once it is retired or
 * discarded, they are ignored.
 *
 * <p>It names its version by plugin id and generation only, never by reference: a plugin that keeps it after its
 * version was unloaded keeps nothing of the host alive but this small object, and its announcements do nothing.
 *
 * <p>Thread-safety: safe for concurrent use; {@link #announce()} never blocks.
 */
public final class ToolsAnnouncer implements ToolsChanged {
    /** Announcements closer together than this are taken as one. */
    public static final Duration QUIET = Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(ToolsAnnouncer.class.getName());

    /** What the host does once announcements settle. */
    @FunctionalInterface
    public interface Refresher {
        /**
         * Asks a plugin version's tool providers again and swaps its tools, if that version is still the active one.
         *
         * @param pluginId the plugin id
         * @param generation the version's generation
         */
        void refresh(String pluginId, long generation);
    }

    private final String pluginId;
    private final long generation;
    private final Refresher refresher;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean active;
    private volatile boolean ended;

    ToolsAnnouncer(String pluginId, long generation, Refresher refresher) {
        this.pluginId = pluginId;
        this.generation = generation;
        this.refresher = refresher;
    }

    @Override
    public void announce() {
        if (ended) {
            return;
        }
        dirty.set(true);
        if (active) {
            schedule();
        }
    }

    /** The host is about to ask the providers at start: what was announced so far is answered by that. */
    void asking() {
        dirty.set(false);
    }

    /** The version is registered: refreshes now follow announcements, and one announced meanwhile is due. */
    void activated() {
        active = true;
        if (dirty.get() && !ended) {
            schedule();
        }
    }

    /** The version no longer serves: announcements do nothing from now on. */
    void end() {
        ended = true;
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            Thread.ofVirtual().name("tools-changed-" + pluginId).start(this::refreshWhenQuiet);
        }
    }

    private void refreshWhenQuiet() {
        try {
            do {
                Thread.sleep(QUIET);
                if (ended) {
                    return;
                }
                dirty.set(false);
                try {
                    refresher.refresh(pluginId, generation);
                } catch (RuntimeException e) { // a bug of the host's; the next announcement tries again
                    LOG.log(System.Logger.Level.ERROR, "refreshing the tools of plugin '" + pluginId + "' failed", e);
                }
                scheduled.set(false);
                // an announcement during the refresh saw "scheduled" and left its refresh to this thread
            } while (dirty.get() && !ended && scheduled.compareAndSet(false, true));
        } catch (InterruptedException e) {
            scheduled.set(false);
        }
    }

    @Override
    public String toString() {
        return "ToolsChanged[" + pluginId + " #" + generation + "]";
    }
}
