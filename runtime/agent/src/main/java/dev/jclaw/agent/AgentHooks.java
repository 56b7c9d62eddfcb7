package dev.jclaw.agent;

import dev.jclaw.api.hook.Hook;
import dev.jclaw.core.hook.RegisteredHook;
import dev.jclaw.host.HookRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The hooks a turn runs: the runtime's own, registered in code, then the active plugins' in load order. Returns the
 * same list until either set changes, so that the hook chain orders it once per change.
 */
final class AgentHooks implements Supplier<List<RegisteredHook>> {
    private final HookRegistry plugins;
    private volatile List<RegisteredHook> runtime = List.of();
    private volatile Combined combined = new Combined(List.of(), List.of(), List.of());

    /** Both sources as last seen, and the list made from them. */
    private record Combined(List<RegisteredHook> runtime, List<HookRegistry.PluginHook> plugins,
                            List<RegisteredHook> all) {
    }

    AgentHooks(HookRegistry plugins) {
        this.plugins = plugins;
    }

    /** Adds a hook of the runtime, after the runtime hooks added before it. */
    synchronized void addRuntime(Hook hook) {
        List<RegisteredHook> more = new ArrayList<>(runtime);
        more.add(RegisteredHook.runtime(hook));
        runtime = List.copyOf(more);
    }

    @Override
    public List<RegisteredHook> get() {
        List<RegisteredHook> own = runtime;
        List<HookRegistry.PluginHook> theirs = plugins.list();
        Combined known = combined;
        if (known.runtime() == own && known.plugins() == theirs) {
            return known.all();
        }
        List<RegisteredHook> all = new ArrayList<>(own);
        theirs.forEach(p -> all.add(new RegisteredHook(p.pluginId(), p.hook())));
        known = new Combined(own, theirs, List.copyOf(all));
        combined = known;
        return known.all();
    }
}
