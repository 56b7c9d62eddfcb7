package dev.jclaw.host;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host knows about one plugin, for the admin API, the CLI and readiness. Holds no plugin classes.
 *
 * @param id the plugin id, or the file name when the descriptor could not be read
 * @param version the plugin version, empty when unknown
 * @param state the state
 * @param source the jar or directory in the plugins directory
 * @param provides what it registered: {@code tool:read}, {@code http:GET /x}, {@code ws:/x}, {@code command:/x},
 *                 {@code hook}, {@code channel:web}
 * @param error the last failure, empty when none
 * @param warning what is odd about an ACTIVE plugin, e.g. that it provides no service; empty when nothing is
 * @param since when it entered this state
 */
public record PluginInfo(String id, String version, PluginState state, String source, List<String> provides,
                         String error, String warning, Instant since) {
    /** Checks and copies the fields. */
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(source, "source");
        provides = List.copyOf(provides);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(since, "since");
    }

    /**
     * Returns the last failure.
     *
     * @return the reason, or empty
     */
    public Optional<String> lastError() {
        return error.isEmpty() ? Optional.empty() : Optional.of(error);
    }

    /**
     * Returns the warning.
     *
     * @return what is odd about the plugin, or empty
     */
    public Optional<String> lastWarning() {
        return warning.isEmpty() ? Optional.empty() : Optional.of(warning);
    }

    PluginInfo with(PluginState newState, String newError) {
        return new PluginInfo(id, version, newState, source, provides, newError, warning, Instant.now());
    }
}
