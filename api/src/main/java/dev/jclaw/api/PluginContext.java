package dev.jclaw.api;

import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.process.ProcessSandbox;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the host hands a plugin at start and to its service factories.
 *
 * @param descriptor the plugin's own descriptor
 * @param config the plugin's section of the configuration ({@code plugins.config.<id>}), empty when absent
 * @param dataDirectory a directory the plugin may write to; it survives reloads and restarts
 * @param sandbox the host's sandbox for the processes the plugin starts (since 1.2)
 * @param services what else the host offers, e.g. the {@link dev.jclaw.api.gateway.AgentGateway} (since 1.3)
 * @since 0.1
 */
public record PluginContext(PluginDescriptor descriptor, JsonObject config, Path dataDirectory,
                            ProcessSandbox sandbox, HostServices services) {
    /** Checks the fields. */
    public PluginContext {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(services, "services");
    }

    /**
     * Creates a context without host services ({@link HostServices#NONE}), as plugin API 1.2 did.
     *
     * @param descriptor the plugin's own descriptor
     * @param config the plugin's section of the configuration
     * @param dataDirectory a directory the plugin may write to
     * @param sandbox the host's sandbox for the processes the plugin starts
     */
    public PluginContext(PluginDescriptor descriptor, JsonObject config, Path dataDirectory,
                         ProcessSandbox sandbox) {
        this(descriptor, config, dataDirectory, sandbox, HostServices.NONE);
    }

    /**
     * Creates a context without a sandbox ({@link ProcessSandbox#unconfined}), e.g. in a plugin's own tests.
     *
     * @param descriptor the plugin's own descriptor
     * @param config the plugin's section of the configuration
     * @param dataDirectory a directory the plugin may write to
     */
    public PluginContext(PluginDescriptor descriptor, JsonObject config, Path dataDirectory) {
        this(descriptor, config, dataDirectory, ProcessSandbox.unconfined("the host offers no sandbox"),
                HostServices.NONE);
    }

    /**
     * Returns a logger named after the plugin.
     *
     * @return the logger
     */
    public System.Logger logger() {
        return System.getLogger("jclaw.plugin." + descriptor.id());
    }
}
