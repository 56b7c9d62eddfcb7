package dev.jclaw.config;

import dev.jclaw.api.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The loaded, checked configuration, with defaults filled in and paths made absolute.
 *
 * @param server the HTTP server
 * @param admin access to the admin API
 * @param plugins the plugin host
 * @param models the model providers
 * @param agent how turns run
 * @param home {@code $JCLAW_HOME}, by default {@code ~/.jclaw}
 * @param dataDir where JClaw keeps its data: {@code data-dir}, by default {@code <home>/data}
 * @param workspace the directory the agent's file tools work in: {@code workspace}, by default
 *                  {@code <dataDir>/workspace}
 * @param provenance where the values came from, to report later problems in the same format
 * @param raw the checked document with placeholders resolved, environment overrides applied and the schema's
 *            defaults filled in ({@code data-dir} and {@code workspace} only when set); for keys added later
 */
public record JClawConfig(Server server, Admin admin, Plugins plugins, ModelsConfig models, AgentConfig agent,
                          Path home, Path dataDir, Path workspace, Provenance provenance, JsonObject raw) {

    /** Checks the fields. */
    public JClawConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(plugins, "plugins");
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Returns the file the configuration was read from.
     *
     * @return the absolute path, or empty when only defaults and the environment apply
     */
    public Optional<Path> file() {
        return provenance.file();
    }

    /** Leaves out {@link #raw()}, which may hold secrets. */
    @Override
    public String toString() {
        return "JClawConfig[server=" + server + ", admin=" + admin + ", plugins=" + plugins + ", models=" + models + ", agent=" + agent + ", home=" + home
                + ", dataDir=" + dataDir + ", workspace=" + workspace + ", provenance=" + provenance + "]";
    }

    /**
     * The HTTP server.
     *
     * @param host the address to listen on
     * @param port the port; 0 picks a free one
     * @param shutdownGrace how long running requests may take to finish when the server stops
     * @param maxBodyBytes the largest request body accepted
     * @param limits how long and how many client connections may stay open
     * @param allowedHosts the host names, besides the loopback names and {@code host}, that plugin endpoints answer
     *                     to; empty with a wildcard {@code host} means any
     */
    public record Server(String host, int port, Duration shutdownGrace, long maxBodyBytes, ConnectionLimits limits,
                         List<String> allowedHosts) {
        /** Checks the fields and copies the list. */
        public Server {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(shutdownGrace, "shutdownGrace");
            Objects.requireNonNull(limits, "limits");
            allowedHosts = List.copyOf(allowedHosts);
        }

        /**
         * A server with the default connection limits and no extra host names, e.g. for tests.
         *
         * @param host the address to listen on
         * @param port the port; 0 picks a free one
         * @param shutdownGrace how long running requests may take to finish when the server stops
         * @param maxBodyBytes the largest request body accepted
         */
        public Server(String host, int port, Duration shutdownGrace, long maxBodyBytes) {
            this(host, port, shutdownGrace, maxBodyBytes, ConnectionLimits.DEFAULTS, List.of());
        }
    }

    /**
     * How long and how many client connections may stay open: what keeps slow or silent clients from holding the
     * server's sockets and threads.
     *
     * @param headerTimeout how long a client may take to send a request's first line and headers
     * @param readTimeout how long the server waits for the next bytes of a request, or for the next request on a
     *                    kept-alive connection
     * @param idleTimeout how long a connection with nothing in progress (e.g. a silent WebSocket) may stay open
     * @param maxConnections most client connections open at once
     */
    public record ConnectionLimits(Duration headerTimeout, Duration readTimeout, Duration idleTimeout,
                                   int maxConnections) {
        /** The schema's defaults. */
        public static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofSeconds(20),
                Duration.ofSeconds(30), Duration.ofMinutes(5), 1000);

        /** Checks the fields. */
        public ConnectionLimits {
            Objects.requireNonNull(headerTimeout, "headerTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
            }
        }
    }

    /**
     * Access to the admin API. Not a record, so that the token is an {@link Optional} accessor and never printed.
     */
    public static final class Admin {
        private static final Admin NONE = new Admin(null, null);

        private final String token;
        private final Path tokenFile;

        private Admin(String token, Path tokenFile) {
            this.token = token;
            this.tokenFile = tokenFile;
        }

        /**
         * Returns settings with a configured token.
         *
         * @param token the token
         * @return the settings
         */
        public static Admin withToken(String token) {
            return new Admin(Objects.requireNonNull(token, "token"), null);
        }

        /**
         * Returns settings without a token, for the server to generate one.
         *
         * @return the settings
         */
        public static Admin withoutToken() {
            return NONE;
        }

        /**
         * Returns these settings with a file for a generated token ({@code admin.token-file}).
         *
         * @param file the absolute path
         * @return the settings
         */
        public Admin withTokenFile(Path file) {
            return new Admin(token, Objects.requireNonNull(file, "file"));
        }

        /**
         * Returns the configured bearer token for the admin API.
         *
         * @return the token, or empty when none is configured and the server must generate one
         */
        public Optional<String> token() {
            return Optional.ofNullable(token);
        }

        /**
         * Returns where a generated token is written instead of being printed.
         *
         * @return the file, or empty to print a generated token on standard output
         */
        public Optional<Path> tokenFile() {
            return Optional.ofNullable(tokenFile);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Admin admin && Objects.equals(token, admin.token)
                    && Objects.equals(tokenFile, admin.tokenFile);
        }

        @Override
        public int hashCode() {
            return Objects.hash(token, tokenFile);
        }

        @Override
        public String toString() {
            return (token == null ? "Admin[token=none" : "Admin[token=" + Validator.REDACTED)
                    + (tokenFile == null ? "]" : ", tokenFile=" + tokenFile + "]");
        }
    }

    /**
     * The plugin host.
     *
     * @param dir the directory of plugin jars
     * @param startTimeout how long a plugin may take to start
     * @param drainTimeout how long calls into a replaced or removed plugin may take to finish
     * @param watch whether to reload plugins as jars change
     * @param config each plugin's own settings, by plugin id, in file order
     */
    public record Plugins(Path dir, Duration startTimeout, Duration drainTimeout, boolean watch,
                          Map<String, JsonObject> config) {
        /** Checks the fields and copies the map. */
        public Plugins {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(startTimeout, "startTimeout");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        }

        /**
         * Returns one plugin's settings; fits {@code HostSettings}' {@code Function<String, JsonObject>}.
         *
         * @param pluginId the plugin id
         * @return its section of {@code plugins.config}, or {@link JsonObject#EMPTY} when it has none
         */
        public JsonObject configFor(String pluginId) {
            return config.getOrDefault(pluginId, JsonObject.EMPTY);
        }

        /** Names the configured plugins only: their settings may hold secrets. */
        @Override
        public String toString() {
            return "Plugins[dir=" + dir + ", startTimeout=" + startTimeout + ", drainTimeout=" + drainTimeout
                    + ", watch=" + watch + ", config for " + config.keySet() + "]";
        }
    }
}
