package dev.jclaw.host;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.host.internal.Registrations;
import java.util.List;

/**
 * The hooks of the active plugins, in load order, each with the id of its plugin. Every call into a hook counts as
 * a call in flight of its plugin version, so a version being replaced finishes it before it stops; a hook whose
 * version is gone does nothing.
 */
public final class HookRegistry {
    private final PluginHost host;
    private volatile Snapshot snapshot = new Snapshot(Registrations.EMPTY, List.of());

    /**
     * A plugin's hook.
     *
     * @param pluginId the plugin's id
     * @param hook the hook, leased per call
     */
    public record PluginHook(String pluginId, Hook hook) {
    }

    /** The registrations a list was made from, and the list. */
    private record Snapshot(Registrations from, List<PluginHook> hooks) {
    }

    HookRegistry(PluginHost host) {
        this.host = host;
    }

    /**
     * Lists the hooks now. The same list instance comes back until a plugin loads, reloads or unloads, so callers
     * may cache what they derive from it by identity.
     *
     * @return the hooks, in load order
     */
    public List<PluginHook> list() {
        Registrations now = host.registrations();
        Snapshot known = snapshot;
        if (known.from() != now) {
            known = new Snapshot(now, now.hooks().stream()
                    .map(o -> new PluginHook(o.owner().descriptor().id(), new LeasedHook(o))).toList());
            snapshot = known;
        }
        return known.hooks();
    }
}
