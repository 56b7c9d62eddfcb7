package dev.jclaw.host;

import dev.jclaw.api.HostServices;
import dev.jclaw.api.json.JsonObject;
import dev.jclaw.api.process.ProcessSandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How the plugin host runs.
 *
 * @param pluginsDir where plugin jars and plugin directories are dropped
 * @param dataDir where each plugin gets {@code plugins/<id>/} to write to, and where loaded jars are copied
 *                ({@code plugin-cache/<pid>-<n>/}, private to this host) so that replacing a jar on disk never
 *                disturbs the running version
 * @param startTimeout deadline for a plugin's start
 * @param drainTimeout deadline for in-flight calls of a replaced or removed plugin
 * @param watch whether to watch the directory and reload on change
 * @param pluginConfig each plugin's configuration section, by id
 * @param sandbox the sandbox offered to plugins for the processes they start
 * @param services what the host shares with every plugin (e.g. a {@link HostServiceRegistry} holding the agent
 *                 gateway); each plugin sees it through a view of its own that adds its own
 *                 {@link dev.jclaw.api.tool.ToolsChanged}
 */
public record HostSettings(Path pluginsDir, Path dataDir, Duration startTimeout, Duration drainTimeout, boolean watch,
                           Function<String, JsonObject> pluginConfig, ProcessSandbox sandbox, HostServices services) {
    /** Checks the fields. */
    public HostSettings {
        Objects.requireNonNull(pluginsDir, "pluginsDir");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(pluginConfig, "pluginConfig");
        Objects.requireNonNull(sandbox, "sandbox");
        Objects.requireNonNull(services, "services");
    }

    /**
     * Settings that share no services with the plugins ({@link HostServices#NONE}).
     *
     * @param pluginsDir the plugins directory
     * @param dataDir the data directory
     * @param startTimeout the start deadline
     * @param drainTimeout the drain deadline
     * @param watch whether to watch
     * @param pluginConfig each plugin's configuration section, by id
     * @param sandbox the sandbox offered to plugins
     */
    public HostSettings(Path pluginsDir, Path dataDir, Duration startTimeout, Duration drainTimeout, boolean watch,
                        Function<String, JsonObject> pluginConfig, ProcessSandbox sandbox) {
        this(pluginsDir, dataDir, startTimeout, drainTimeout, watch, pluginConfig, sandbox, HostServices.NONE);
    }

    /**
     * Settings without a sandbox: plugins are offered {@link ProcessSandbox#unconfined}.
     *
     * @param pluginsDir the plugins directory
     * @param dataDir the data directory
     * @param startTimeout the start deadline
     * @param drainTimeout the drain deadline
     * @param watch whether to watch
     * @param pluginConfig each plugin's configuration section, by id
     */
    public HostSettings(Path pluginsDir, Path dataDir, Duration startTimeout, Duration drainTimeout, boolean watch,
                        Function<String, JsonObject> pluginConfig) {
        this(pluginsDir, dataDir, startTimeout, drainTimeout, watch, pluginConfig,
                ProcessSandbox.unconfined("the host was set up without a sandbox"));
    }

    /**
     * Settings with default deadlines (start 5 s, drain 10 s), watching, and no plugin configuration.
     *
     * @param pluginsDir the plugins directory
     * @param dataDir the data directory
     * @return the settings
     */
    public static HostSettings defaults(Path pluginsDir, Path dataDir) {
        return new HostSettings(pluginsDir, dataDir, Duration.ofSeconds(5), Duration.ofSeconds(10), true,
                id -> JsonObject.EMPTY);
    }

    /**
     * Returns a copy with other deadlines.
     *
     * @param start the start deadline
     * @param drain the drain deadline
     * @return the settings
     */
    public HostSettings withTimeouts(Duration start, Duration drain) {
        return new HostSettings(pluginsDir, dataDir, start, drain, watch, pluginConfig, sandbox, services);
    }

    /**
     * Returns a copy with watching switched on or off.
     *
     * @param on whether to watch
     * @return the settings
     */
    public HostSettings withWatch(boolean on) {
        return new HostSettings(pluginsDir, dataDir, startTimeout, drainTimeout, on, pluginConfig, sandbox, services);
    }

    /**
     * Returns a copy that offers plugins another sandbox.
     *
     * @param offered the sandbox
     * @return the settings
     */
    public HostSettings withSandbox(ProcessSandbox offered) {
        return new HostSettings(pluginsDir, dataDir, startTimeout, drainTimeout, watch, pluginConfig, offered,
                services);
    }

    /**
     * Returns a copy that shares these services with the plugins. Each plugin's context offers them through a view
     * of its own, which also answers {@link dev.jclaw.api.tool.ToolsChanged} for that plugin.
     *
     * @param shared the services, e.g. a {@link HostServiceRegistry}
     * @return the settings
     */
    public HostSettings withServices(HostServices shared) {
        return new HostSettings(pluginsDir, dataDir, startTimeout, drainTimeout, watch, pluginConfig, sandbox, shared);
    }
}
