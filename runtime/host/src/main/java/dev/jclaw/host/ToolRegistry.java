package dev.jclaw.host;

import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolClass;
import dev.jclaw.api.tool.ToolContext;
import dev.jclaw.api.tool.ToolResult;
import java.util.List;
import java.util.Optional;

/**
 * The tools of the active plugins. Calls are lock-free; a call that starts on one version of a plugin finishes on
 * it, even when the plugin is replaced meanwhile.
 */
public final class ToolRegistry {
    private final PluginHost host;

    ToolRegistry(PluginHost host) {
        this.host = host;
    }

    /**
     * Lists the tools, in load order.
     *
     * @return the tools
     */
    public List<ToolSpec> list() {
        return host.registrations().tools().values().stream()
                .map(o -> new ToolSpec(o.value().name(), o.value().description(), o.value().parametersSchema(),
                        o.value().toolClass(), o.owner().descriptor().id()))
                .toList();
    }

    /**
     * Tells whether a tool is registered now.
     *
     * @param name the tool name
     * @return whether it is
     */
    public boolean contains(String name) {
        return host.registrations().tools().containsKey(name);
    }

    /**
     * Tells whether a tool only reads.
     *
     * @param name the tool name
     * @return its class, or empty when no active plugin offers it
     */
    public Optional<ToolClass> classOf(String name) {
        return Optional.ofNullable(host.registrations().tools().get(name)).map(o -> o.value().toolClass());
    }

    /**
     * Calls a tool on the caller's thread. An exception from the tool becomes a {@link ToolResult.Failed} naming
     * the tool; an interrupt becomes one too, with the thread's interrupt flag kept.
     *
     * @param name the tool name
     * @param context the call
     * @return the result, or empty when no active plugin offers the tool
     */
    public Optional<ToolResult> call(String name, ToolContext context) {
        Optional<Leases.Lease<Tool>> lease =
                Leases.acquire(() -> Optional.ofNullable(host.registrations().tools().get(name)));
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        try (Leases.Lease<Tool> call = lease.get()) {
            ToolResult result = call.service().execute(context);
            return Optional.of(result == null ? ToolResult.failed("tool '" + name + "' returned no result") : result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(ToolResult.failed("tool '" + name + "' was interrupted"));
        } catch (Exception | LinkageError | StackOverflowError e) {
            String message = e.getMessage();
            return Optional.of(ToolResult.failed("tool '" + name + "' failed: " + e.getClass().getSimpleName()
                    + (message == null ? "" : ": " + message)));
        }
    }
}
