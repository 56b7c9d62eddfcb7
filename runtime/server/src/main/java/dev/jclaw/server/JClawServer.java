package dev.jclaw.server;

import dev.jclaw.core.config.ConfigException;
import dev.jclaw.core.config.JClawConfig;
import dev.jclaw.core.task.ShutdownReport;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.server.admin.AdminCredentials;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.agent.AgentRuntime;
import dev.jclaw.server.agent.LazySessionStore;
import dev.jclaw.server.agent.Sandboxes;
import dev.jclaw.server.http.AdminRoutes;
import dev.jclaw.server.http.PluginRoutes;
import dev.jclaw.server.http.PluginSockets;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The composition root: builds the plugin host, the admin credentials, the agent runtime and the web server from the
 * configuration, by hand. Start-up binds the port first (so a port in use fails at once), then loads the plugins;
 * shutdown stops accepting, lets requests in flight finish within the grace period, drains the background tasks
 * within the same grace period, then stops the plugins in reverse order and closes the session store.
 *
 * <p>The session store (the H2 file in the data directory) is opened by the first turn, not at start-up, so that
 * {@code jclaw run} on the same data directory works while the server runs and no turn reached it.
 */
public final class JClawServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JClawServer.class.getName());

    private final JClawConfig config;
    private final PluginHost host;
    private final LazySessionStore sessions;
    private final AgentRuntime runtime;
    private final WebServer web;
    private final RuntimeFile runtimeFile;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean accepting = true;

    private JClawServer(JClawConfig config, PluginHost host, LazySessionStore sessions, AgentRuntime runtime,
                        WebServer web, RuntimeFile runtimeFile) {
        this.config = config;
        this.host = host;
        this.sessions = sessions;
        this.runtime = runtime;
        this.web = web;
        this.runtimeFile = runtimeFile;
    }

    /**
     * Starts a server.
     *
     * @param config the configuration
     * @param out where to print the one-time admin token and the listening address
     * @return the running server
     * @throws ConfigException when the configuration cannot be served, e.g. the port is in use
     * @throws IOException when the data directory cannot be written
     */
    public static JClawServer start(JClawConfig config, PrintStream out) throws IOException {
        Files.createDirectories(config.dataDir());
        String localToken = AdminCredentials.newToken();
        AdminCredentials.Setup admin = AdminCredentials.setUp(config.admin().token(), config.dataDir(), localToken);

        PluginHost host = new PluginHost(new HostSettings(config.plugins().dir(), config.dataDir(),
                config.plugins().startTimeout(), config.plugins().drainTimeout(), config.plugins().watch(),
                config.plugins()::configFor).withSandbox(Sandboxes.open(config, Optional.empty())));
        LazySessionStore sessions = new LazySessionStore(() -> {
            try {
                return AgentRuntime.embeddedSessions(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        AgentRuntime runtime = AgentRuntime.openAi(config, host, sessions);
        JClawServer[] self = new JClawServer[1];
        HttpRouting.Builder routing = HttpRouting.builder();
        new AdminRoutes(host, admin.credentials(), () -> self[0] != null && self[0].accepting, runtime.metrics())
                .register(routing);
        new PluginRoutes(host.endpoints()).register(routing);
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(System.Logger.Level.ERROR, "request " + req.prologue().method().text() + " "
                    + req.path().path() + " failed", e);
            res.status(500).header("Content-Type", "application/json").send("{\"error\":\"internal error\"}");
        });
        WebServer web = WebServer.builder()
                .host(config.server().host())
                .port(config.server().port())
                .maxPayloadSize(config.server().maxBodyBytes())
                .shutdownGracePeriod(config.server().shutdownGrace())
                .shutdownHook(false)
                .routing(routing)
                .addRouting(new PluginSockets(host.endpoints(), (int) Math.min(Integer.MAX_VALUE,
                        config.server().maxBodyBytes())).routing())
                .build();
        if (config.server().port() != 0) {
            // fail with one clear line before Helidon logs a stack trace about the same thing
            RuntimeException taken = probe(config);
            if (!(taken instanceof IllegalStateException)) {
                throw bindFailure(config, taken);
            }
        }
        try {
            web.start();
        } catch (RuntimeException e) {
            throw bindFailure(config, e);
        }
        if (!web.isRunning()) {
            // Helidon logs a failed bind and stops instead of throwing: find out whether the port is taken
            throw bindFailure(config, probe(config));
        }
        try {
            host.start();
        } catch (RuntimeException e) {
            web.stop();
            throw e;
        }
        String url = "http://" + hostForUrl(config.server().host()) + ":" + web.port();
        RuntimeFile runtimeFile = new RuntimeFile(url, ProcessHandle.current().pid(), localToken);
        runtimeFile.write(config.dataDir());
        JClawServer server = new JClawServer(config, host, sessions, runtime, web, runtimeFile);
        self[0] = server;
        admin.newToken().ifPresent(token -> out.println("""
                Generated an admin token. It is shown only this once; only its hash is kept in %s:
                    %s
                Send it as 'Authorization: Bearer <token>', or set admin.token in jclaw.json.""".formatted(
                config.dataDir().resolve("admin-token.sha256"), token)));
        return server;
    }

    private static RuntimeException bindFailure(JClawConfig config, RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                boolean inUse = String.valueOf(bind.getMessage()).contains("in use");
                return inUse
                        ? config.provenance().error("server.port", "port " + config.server().port()
                                + " is already in use on " + config.server().host() + "; expected a free port")
                        : config.provenance().error("server.host", "cannot listen on " + config.server().host()
                                + " (" + bind.getMessage() + "); expected an address of this machine");
            }
        }
        return e instanceof UncheckedIOException ? e : new IllegalStateException(
                "cannot start the web server on " + config.server().host() + ":" + config.server().port(), e);
    }

    private static RuntimeException probe(JClawConfig config) {
        try (var socket = new java.net.ServerSocket()) {
            socket.bind(new java.net.InetSocketAddress(config.server().host(), config.server().port()));
            return new IllegalStateException("the web server did not start on " + config.server().host() + ":"
                    + config.server().port() + "; see the log");
        } catch (IOException e) {
            return new UncheckedIOException(e);
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host.equals("0.0.0.0") ? "127.0.0.1" : host;
    }

    /** @return the port the server listens on */
    public int port() {
        return web.port();
    }

    /** @return the base URL, e.g. {@code http://127.0.0.1:7878} */
    public String url() {
        return runtimeFile.url();
    }

    /** @return the plugin host */
    public PluginHost host() {
        return host;
    }

    /** @return the agent runtime: conversations, metrics, background tasks */
    public AgentRuntime runtime() {
        return runtime;
    }

    /** @return the configuration it runs with */
    public JClawConfig config() {
        return config;
    }

    /**
     * Blocks until the server has stopped.
     *
     * @throws InterruptedException when interrupted
     */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully: readiness goes down, the listener stops accepting and lets requests in flight finish within
     * the grace period, the background tasks get the grace period again and the rest are interrupted (logged at
     * INFO), then plugins stop in reverse load order and the session store closes. Safe to call more than once.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (!accepting) {
                return;
            }
            accepting = false;
        }
        try {
            web.stop();
            ShutdownReport tasks = runtime.shutdown(config.server().shutdownGrace());
            LOG.log(System.Logger.Level.INFO, () -> "background tasks stopped in " + tasks.took().toMillis()
                    + " ms: " + tasks.summary());
            host.close();
        } finally {
            sessions.close();
            runtimeFile.delete(config.dataDir());
            stopped.countDown();
            LOG.log(System.Logger.Level.INFO, "JClaw stopped");
        }
    }
}
