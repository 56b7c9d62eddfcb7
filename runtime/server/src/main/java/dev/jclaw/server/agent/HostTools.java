package dev.jclaw.server.agent;

import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import dev.jclaw.core.dispatch.ToolPort;
import dev.jclaw.core.model.ToolDefinition;
import dev.jclaw.host.PluginHost;
import dev.jclaw.host.ToolSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The tools of the plugin host as the agent loop sees them, sorted by name so that requests stay byte-stable. */
public final class HostTools implements ToolPort {
    private final PluginHost host;

    /**
     * Creates the port.
     *
     * @param host the plugin host
     */
    public HostTools(PluginHost host) {
        this.host = host;
    }

    @Override
    public List<ToolDefinition> definitions() {
        return host.tools().list().stream()
                .sorted(Comparator.comparing(ToolSpec::name))
                .map(t -> new ToolDefinition(t.name(), t.description(), t.parametersSchema()))
                .toList();
    }

    @Override
    public Optional<ToolClass> classOf(String name) {
        return host.tools().classOf(name);
    }

    @Override
    public Optional<ToolResult> call(String name, ToolContext context) {
        return host.tools().call(name, context);
    }
}
