package dev.jclaw.agent;

import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.dispatch.ToolPort;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.host.PluginHost;
import dev.jclaw.host.ToolSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools the agent loop sees: the runtime's own (memory tools) and the plugin host's, sorted by name so that
 * requests stay byte-stable. A runtime tool's name is reserved: a plugin tool of the same name is not offered.
 */
public final class HostTools implements ToolPort {
    /** The owner {@link #offered()} names for the runtime's own tools. */
    public static final String BUILT_IN = "built-in";
    private static final System.Logger LOG = System.getLogger(HostTools.class.getName());
    private final PluginHost host;
    private final Map<String, Tool> runtime = new LinkedHashMap<>();

    /**
     * Creates the port over the plugins' tools only.
     *
     * @param host the plugin host
     */
    public HostTools(PluginHost host) {
        this(host, List.of());
    }

    /**
     * Creates the port.
     *
     * @param host the plugin host
     * @param runtimeTools tools of the runtime itself, offered beside the plugins'
     */
    public HostTools(PluginHost host, List<Tool> runtimeTools) {
        this.host = host;
        for (Tool tool : runtimeTools) {
            if (runtime.putIfAbsent(tool.name(), tool) != null) {
                throw new IllegalArgumentException("two runtime tools named " + tool.name());
            }
        }
    }

    @Override
    public List<ToolDefinition> definitions() {
        List<ToolDefinition> all = new ArrayList<>();
        runtime.values().forEach(t -> all.add(new ToolDefinition(t.name(), t.description(), t.parametersSchema())));
        for (ToolSpec t : host.tools().list()) {
            if (!runtime.containsKey(t.name())) {
                all.add(new ToolDefinition(t.name(), t.description(), t.parametersSchema()));
            }
        }
        all.sort(Comparator.comparing(ToolDefinition::name));
        return all;
    }

    /**
     * Lists what the model is offered, for {@code /tools}: the same tools as {@link #definitions()}, with their class
     * and owner (a plugin id, or {@value #BUILT_IN}).
     *
     * @return the tools, sorted by name
     */
    public List<ToolSpec> offered() {
        List<ToolSpec> all = new ArrayList<>();
        runtime.values().forEach(t -> all.add(new ToolSpec(t.name(), t.description(), t.parametersSchema(),
                t.toolClass(), BUILT_IN)));
        host.tools().list().stream().filter(t -> !runtime.containsKey(t.name())).forEach(all::add);
        all.sort(Comparator.comparing(ToolSpec::name));
        return all;
    }

    @Override
    public Optional<ToolClass> classOf(String name) {
        Tool own = runtime.get(name);
        return own != null ? Optional.of(own.toolClass()) : host.tools().classOf(name);
    }

    @Override
    public Optional<ToolResult> call(String name, ToolContext context) {
        Tool own = runtime.get(name);
        if (own == null) {
            return host.tools().call(name, context);
        }
        try {
            ToolResult result = own.execute(context);
            return Optional.of(result == null ? ToolResult.failed(name + " returned nothing") : result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ToolResult.failed(name + " was interrupted"));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "runtime tool " + name + " failed", e);
            return Optional.of(ToolResult.failed(name + " failed: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }
}
