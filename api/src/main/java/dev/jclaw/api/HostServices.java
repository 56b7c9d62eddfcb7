package dev.jclaw.api;

import java.util.Optional;

/**
 * The services a host offers its plugins beyond the plugin's own context, looked up by type: in the JClaw server,
 * {@link dev.jclaw.api.gateway.AgentGateway} (a channel's door to the agent) and
 * {@link dev.jclaw.api.tool.ToolsChanged} (to announce a changed tool list). Look a service up when it is needed
 * rather than once in {@link Plugin#start}: a host may offer more later.
 *
 * @since 1.3
 */
public interface HostServices {

    /** A host that offers nothing, e.g. a plugin's own tests. */
    HostServices NONE = new HostServices() {
        @Override
        public <T> Optional<T> find(Class<T> type) {
            return Optional.empty();
        }
    };

    /**
     * Looks up a service.
     *
     * @param type the service's type
     * @param <T> the type
     * @return the host's implementation, or empty when this host offers none
     */
    <T> Optional<T> find(Class<T> type);
}
