package dev.jclaw.host;

import dev.jclaw.api.HostServices;
import dev.jclaw.api.tool.ToolsChanged;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services the host shares with every plugin, by type: the server registers the agent gateway here, and hands
 * the registry to {@link HostSettings#withServices}. Plugins look services up when they need them, so a service
 * registered after the plugins started is still found.
 *
 * <pre>{@code
 * HostServiceRegistry services = new HostServiceRegistry();
 * PluginHost host = new PluginHost(settings.withServices(services));
 * host.start();
 * services.register(AgentGateway.class, gateway);
 * }</pre>
 *
 * <p>{@link ToolsChanged} cannot be registered: the host gives each plugin its own.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class HostServiceRegistry implements HostServices {
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    /** Creates an empty registry. */
    public HostServiceRegistry() {
    }

    /**
     * Offers a service under a type, replacing what was offered under it before.
     *
     * @param type the type plugins look it up by
     * @param service the implementation
     * @param <T> the type
     * @return this registry
     * @throws IllegalArgumentException when the type is {@link ToolsChanged}, which the host offers per plugin
     */
    public <T> HostServiceRegistry register(Class<T> type, T service) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(service, "service");
        if (type == ToolsChanged.class) {
            throw new IllegalArgumentException("ToolsChanged is offered by the host to each plugin on its own;"
                    + " it cannot be registered");
        }
        services.put(type, type.cast(service));
        return this;
    }

    /**
     * Withdraws the service of a type; a plugin that looks it up afterwards finds nothing.
     *
     * @param type the type
     * @return whether a service was registered under it
     */
    public boolean remove(Class<?> type) {
        return services.remove(type) != null;
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(services.get(type)).map(type::cast);
    }

    @Override
    public String toString() {
        return "HostServiceRegistry" + services.keySet().stream().map(Class::getSimpleName).sorted().toList();
    }
}
