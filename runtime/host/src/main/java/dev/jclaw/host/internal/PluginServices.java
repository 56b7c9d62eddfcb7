package dev.jclaw.host.internal;

import dev.jclaw.api.HostServices;
import dev.jclaw.api.tool.ToolsChanged;
import java.util.Objects;
import java.util.Optional;

/**
 * What one plugin version's context offers: its own {@link ToolsChanged}, and the services the host shares with
 * every plugin for any other type.
 *
 * @param shared the host's shared services
 * @param toolsChanged this version's announcer
 */
record PluginServices(HostServices shared, ToolsAnnouncer toolsChanged) implements HostServices {
    @Override
    public <T> Optional<T> find(Class<T> type) {
        Objects.requireNonNull(type, "type");
        if (type == ToolsChanged.class) {
            return Optional.of(type.cast(toolsChanged));
        }
        return shared.find(type);
    }
}
