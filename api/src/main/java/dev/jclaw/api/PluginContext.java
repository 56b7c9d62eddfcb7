package dev.jclaw.api;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the host hands a plugin at start and to its service factories.
 *
 * @param descriptor the plugin's own descriptor
 * @param config the plugin's section of the configuration ({@code plugins.config.<id>}), empty when absent
 * @param dataDirectory a directory the plugin may write to; it survives reloads and restarts
 * @since 0.1
 */
public record PluginContext(PluginDescriptor descriptor, JsonObject config, Path dataDirectory) {
    /** Checks the fields. */
    public PluginContext {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
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
