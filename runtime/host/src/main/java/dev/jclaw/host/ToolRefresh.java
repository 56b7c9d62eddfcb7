package dev.jclaw.host;

import dev.jclaw.api.tool.Tool;
import dev.jclaw.host.internal.PluginInstance;
import dev.jclaw.host.internal.Registrations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Swaps a plugin's tools after it announced a change ({@link dev.jclaw.api.tool.ToolsChanged}): asks the providers
 * of the version that announced, if it is still the active one, then swaps that version's tools in one step under
 * the host's lock, so that it never overlaps a load, a reload or an unload. Calls in flight keep the tool they
 * started on; new calls and the next model request see the new list.
 *
 * <p>The load-time rules apply: a list with a name that is invalid or given twice is refused as a whole (the plugin
 * keeps its tools as they were, and says why in its error); a name another plugin already provides stays with that
 * plugin, and the announcing plugin's tool of that name is left out, with a warning naming both.
 */
final class ToolRefresh {
    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());
    private static final String FAILED = "tool refresh failed: ";

    private final PluginHost host;

    ToolRefresh(PluginHost host) {
        this.host = host;
    }

    /**
     * Refreshes one plugin version's tools, if it is still registered and serving; otherwise does nothing.
     *
     * @param id the plugin id
     * @param generation the version that announced
     */
    void refresh(String id, long generation) {
        PluginInstance instance = host.activeVersion(id, generation);
        if (instance == null || !instance.tryEnter()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "plugin '" + id + "' announced new tools from a version that"
                    + " no longer serves; ignored");
            return;
        }
        List<Tool> offered;
        try {
            offered = host.loader().askTools(instance);
        } catch (PluginLoadException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; it keeps offering the tools it had");
            synchronized (host.lock()) {
                Slot slot = host.slotServing(instance);
                if (slot != null) {
                    slot.info = withNotes(slot.info, FAILED + e.getMessage(), slot.info.warning(), instance);
                }
            }
            return;
        } finally {
            instance.exit();
        }
        List<Tool> before;
        Registrations.ToolSwap swap;
        synchronized (host.lock()) {
            Slot slot = host.slotServing(instance);
            if (slot == null) {
                return; // unloaded or replaced while its providers answered
            }
            before = instance.tools();
            swap = host.registrations().withTools(instance, offered);
            instance.offer(swap.accepted());
            host.publish(swap.registrations());
            String error = slot.info.error().startsWith(FAILED) ? "" : slot.info.error();
            String warning = swap.refused().isEmpty() ? instance.idleWarning().orElse("")
                    : String.join("; ", swap.refused());
            slot.info = withNotes(slot.info, error, warning, instance);
        }
        swap.refused().forEach(reason -> LOG.log(System.Logger.Level.WARNING, reason));
        LOG.log(System.Logger.Level.INFO, "plugin " + instance + ": " + describe(before, swap.accepted()));
    }

    private static PluginInfo withNotes(PluginInfo info, String error, String warning, PluginInstance instance) {
        return new PluginInfo(info.id(), info.version(), info.state(), info.source(), instance.provides(), error,
                warning, info.since());
    }

    /**
     * Says what changed, e.g. {@code tools now a, b, c (+c −d ~b)}: added, removed, and kept under the same name
     * with another description, schema or class.
     */
    static String describe(List<Tool> before, List<Tool> after) {
        Map<String, Tool> old = new LinkedHashMap<>();
        before.forEach(t -> old.put(t.name(), t));
        List<String> names = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (Tool tool : after) {
            names.add(tool.name());
            Tool was = old.remove(tool.name());
            if (was == null) {
                changes.add("+" + tool.name());
            } else if (!sameDefinition(was, tool)) {
                changes.add("~" + tool.name());
            }
        }
        old.keySet().forEach(name -> changes.add("\u2212" + name));
        return (names.isEmpty() ? "no tools now" : "tools now " + String.join(", ", names))
                + (changes.isEmpty() ? " (unchanged)" : " (" + String.join(" ", changes) + ")");
    }

    private static boolean sameDefinition(Tool a, Tool b) {
        return a == b || (Objects.equals(a.description(), b.description())
                && Objects.equals(a.parametersSchema(), b.parametersSchema()) && a.toolClass() == b.toolClass());
    }
}
