package dev.jclaw.server;

import dev.jclaw.server.wiring.Wiring;
import dev.jclaw.config.ConfigException;
import dev.jclaw.config.JClawConfig;
import dev.jclaw.core.storage.OwnerOnly;
import dev.jclaw.core.task.ShutdownReport;
import dev.jclaw.host.HostServiceRegistry;
import dev.jclaw.host.HostSettings;
import dev.jclaw.host.PluginHost;
import dev.jclaw.server.admin.AdminCredentials;
import dev.jclaw.server.admin.RuntimeFile;
import dev.jclaw.server.admin.ServerLock;
import dev.jclaw.agent.AgentRuntime;
import dev.jclaw.agent.gateway.LocalGateway;
import dev.jclaw.agent.memory.AgentMemory;
import dev.jclaw.api.gateway.AgentGateway;
import dev.jclaw.server.auth.ApprovalAudit;
import dev.jclaw.server.auth.AuthServices;
import dev.jclaw.server.wiring.LazySessionStore;
import dev.jclaw.server.wiring.Sandboxes;
import dev.jclaw.server.http.AdminRoutes;
import dev.jclaw.server.http.AuthRoutes;
import dev.jclaw.server.http.ConversationListRoutes;
import dev.jclaw.server.http.ConversationRoutes;
import dev.jclaw.server.http.ConnectionGuard;
import dev.jclaw.server.http.HostPolicy;
import dev.jclaw.server.http.MemoryRoutes;
import dev.jclaw.server.http.PluginRoutes;
import dev.jclaw.server.http.PluginSockets;
import dev.jclaw.server.http.RequestFailures;
import dev.jclaw.server.http.UserRoutes;
import dev.jclaw.server.http.TransportErrors;
import dev.jclaw.server.openai.OpenAiApi;
import dev.jclaw.wire.openai.RequestLimits;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.websocket.WsConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The composition root: builds the plugin host, the admin credentials, the agent runtime and the web server from the
 * configuration, by hand. Start-up takes the data directory's server lock first (so a second server on it refuses to
 * start, naming the first), binds the port next (so a port in use fails at once), then loads the plugins;
 * shutdown stops accepting, lets requests in flight finish within the grace period, drains the background tasks
 * within the same grace period, then stops the plugins in reverse order and closes memory and the session store.
 *
 * <p>The session store (the H2 file in the data directory) is opened by the first turn, not at start-up, so that
 * start-up does not wait for it and an in-process command on the same data directory works while no turn reached the
 * server. The user database (the same file) is opened likewise by the first request that
 * needs a user ({@link AuthServices}), and memory (its own H2 file and index under {@code data/memory}) by the first
 * turn or memory request, or in the background once {@code jclaw serve} is ready ({@link Wiring#deferredMemory},
 * {@link #openMemoryInBackground}).
 */
public final class JClawServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JClawServer.class.getName());

    private final JClawConfig config;
    private final PluginHost host;
    private final LazySessionStore sessions;
    private final AgentMemory memory; // null when memory.enabled is false
    private final AuthServices auth;
    private final AgentRuntime runtime;
    private final WebServer web;
    private final RuntimeFile runtimeFile;
    private final ConnectionGuard guard;
    private final ServerLock lock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean accepting = true;

    private JClawServer(JClawConfig config, PluginHost host, LazySessionStore sessions, AgentMemory memory,
                        AuthServices auth, AgentRuntime runtime, WebServer web, RuntimeFile runtimeFile,
                        ConnectionGuard guard, ServerLock lock) {
        this.config = config;
        this.host = host;
        this.sessions = sessions;
        this.memory = memory;
        this.auth = auth;
        this.runtime = runtime;
        this.web = web;
        this.runtimeFile = runtimeFile;
        this.guard = guard;
        this.lock = lock;
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
        // 0700, and what older versions left readable tightened: the session database is opened only later
        OwnerOnly.directory(config.dataDir());
        OwnerOnly.files(config.dataDir(), name -> name.startsWith("jclaw."));
        // first: a second server on this data directory must not touch the first one's runtime file or bind its port
        ServerLock lock = ServerLock.acquire(config.dataDir());
        try {
            return start(config, out, lock);
        } catch (IOException | RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static JClawServer start(JClawConfig config, PrintStream out, ServerLock lock) throws IOException {
        String localToken = AdminCredentials.newToken();
        AdminCredentials.Setup admin = AdminCredentials.setUp(config.admin().token(), config.dataDir(), localToken);
        if (admin.newToken().isPresent() && config.admin().tokenFile().isPresent()) {
            writeTokenFile(config, admin.newToken().get());
        }

        HostServiceRegistry services = new HostServiceRegistry();
        PluginHost host = new PluginHost(new HostSettings(config.plugins().dir(), config.dataDir(),
                config.plugins().startTimeout(), config.plugins().drainTimeout(), config.plugins().watch(),
                config.plugins()::configFor).withSandbox(Sandboxes.open(config, Optional.empty()))
                .withServices(services));
        LazySessionStore sessions = new LazySessionStore(() -> {
            try {
                return Wiring.sessions(config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        // memory as configured, opened by its first use: start-up does not wait for its database and index
        AgentMemory memory = Wiring.deferredMemory(config).orElse(null);
        AgentRuntime runtime = Wiring.runtime(config, host, sessions, memory);
        runtime.metrics().gauge("jclaw_plugin_runaway_threads", "Plugin threads that overran a start or stop"
                + " deadline, ignored the interrupt and still run; only a restart ends them.", host::runawayThreads);
        JClawServer[] self = new JClawServer[1];
        HttpRouting.Builder routing = HttpRouting.builder();
        new AdminRoutes(host, admin.credentials(), () -> self[0] != null && self[0].accepting, runtime.metrics(),
                () -> Optional.ofNullable(memory).map(AgentMemory::status)).register(routing);
        // users, logins and the audit log: the user database opens on the first request that needs a user
        AuthServices auth = AuthServices.open(config, admin.credentials(), java.time.Clock.systemUTC());
        new AuthRoutes(auth.authenticator(), auth.logins(), auth.identity()::audit, auth.clock()).register(routing);
        new UserRoutes(auth.authenticator(), auth.accounts()).register(routing);
        runtime.approvals().listen(new ApprovalAudit(auth.identity()::audit));
        // channel plugins find the gateway among the host's services; the server's own API goes through it too
        LocalGateway gateway = Wiring.gateway(config, runtime);
        services.register(AgentGateway.class, gateway);
        new OpenAiApi(gateway, auth.authenticator(), config.models(), RequestLimits.SERVER).register(routing);
        new ConversationRoutes(gateway, auth.authenticator()).register(routing); // jclaw run/chat as clients
        new MemoryRoutes(Optional.ofNullable(memory), auth.authenticator(), auth.identity()::audit, auth.clock())
                .register(routing); // and jclaw memory
        new ConversationListRoutes(gateway, auth.authenticator(), auth.identity()::audit, auth.clock())
                .register(routing);
        HostPolicy hosts = HostPolicy.of(config.server().host(), config.server().allowedHosts());
        new PluginRoutes(host.endpoints(), hosts).register(routing);
        RequestFailures.register(routing);
        JClawConfig.ConnectionLimits limits = config.server().limits();
        ConnectionGuard guard = new ConnectionGuard(limits);
        WebServer web = WebServer.builder()
                .host(config.server().host())
                .port(config.server().port())
                .maxPayloadSize(config.server().maxBodyBytes())
                .shutdownGracePeriod(config.server().shutdownGrace())
                .shutdownHook(false)
                .useNio(false) // socket streams honour the guard's read timeout; channel reads do not
                .connectionOptions(guard.socketOptions())
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(Duration.ofMillis(Math.clamp(limits.idleTimeout().toMillis() / 10, 1000,
                        120_000)))
                .directHandlers(TransportErrors.handlers(config.server().maxBodyBytes()))
                // listed, not discovered: a discovered HTTP/1.1 beside ours would make two candidates, and Helidon
                // then closes a request it cannot identify (a bad version, a long URI) without any answer
                .protocolsDiscoverServices(false)
                .protocols(List.of(Http1Config.builder().addReceiveListener(guard.listener()).build(),
                        WsConfig.create()))
                .routing(routing)
                .addRouting(new PluginSockets(host.endpoints(), (int) Math.min(Integer.MAX_VALUE,
                        config.server().maxBodyBytes()), hosts).routing())
                .build();
        if (config.server().port() != 0) {
            // fail with one clear line before Helidon logs a stack trace about the same thing
            RuntimeException taken = probe(config);
            if (!(taken instanceof IllegalStateException)) {
                guard.close();
                throw bindFailure(config, taken);
            }
        }
        try {
            web.start();
        } catch (RuntimeException e) {
            guard.close();
            throw bindFailure(config, e);
        }
        if (!web.isRunning()) {
            guard.close();
            // Helidon logs a failed bind and stops instead of throwing: find out whether the port is taken
            throw bindFailure(config, probe(config));
        }
        try {
            host.start();
        } catch (RuntimeException e) {
            web.stop();
            guard.close();
            throw e;
        }
        String url = "http://" + hostForUrl(config.server().host()) + ":" + web.port();
        RuntimeFile runtimeFile = new RuntimeFile(url, ProcessHandle.current().pid(), localToken);
        runtimeFile.write(config.dataDir());
        JClawServer server = new JClawServer(config, host, sessions, memory, auth, runtime, web, runtimeFile, guard,
                lock);
        self[0] = server;
        admin.newToken().ifPresent(token -> out.println(config.admin().tokenFile()
                .map(file -> """
                        Generated an admin token and wrote it to %s (readable by this user only); only its hash is \
                        kept in %s. Send it as 'Authorization: Bearer <token>'.""".formatted(file,
                        config.dataDir().resolve("admin-token.sha256")))
                .orElseGet(() -> """
                        Generated an admin token. It is shown only this once; only its hash is kept in %s:
                            %s
                        Send it as 'Authorization: Bearer <token>', or set admin.token in jclaw.json.""".formatted(
                        config.dataDir().resolve("admin-token.sha256"), token))));
        return server;
    }

    /** Containers keep standard output in their logs: {@code admin.token-file} keeps the token out of them. */
    private static void writeTokenFile(JClawConfig config, String token) throws IOException {
        java.nio.file.Path file = config.admin().tokenFile().orElseThrow();
        try {
            AdminCredentials.writeTokenFile(file, token);
        } catch (IOException e) {
            AdminCredentials.forgetGenerated(config.dataDir()); // a token nobody can read must not be the one
            throw config.provenance().error("admin.token-file", "cannot write the generated admin token to " + file
                    + "; expected a path in a directory this user can write");
        }
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

    /**
     * Opens memory on a thread of its own now, rather than in the first turn or memory request that needs it; what
     * comes meanwhile waits for the opening. {@code jclaw serve} calls it once the server is ready, so that readiness
     * never waits for memory and the first turn seldom does. A failure is logged once and shown by
     * {@code /health/ready}; turns go on without memory.
     */
    public void openMemoryInBackground() {
        if (memory != null) {
            Thread.ofVirtual().name("memory-open").start(memory::available);
        }
    }

    /** @return the agent runtime: conversations, metrics, background tasks */
    public AgentRuntime runtime() {
        return runtime;
    }

    /** @return users, logins, the authenticator and the audit log */
    public AuthServices auth() {
        return auth;
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
     * INFO), then plugins stop in reverse load order, and memory and the session store close. Safe to call more than
     * once.
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
            guard.close();
            ShutdownReport tasks = runtime.shutdown(config.server().shutdownGrace());
            LOG.log(System.Logger.Level.INFO, () -> "background tasks stopped in " + tasks.took().toMillis()
                    + " ms: " + tasks.summary());
            host.close();
        } finally {
            if (memory != null) {
                memory.close(); // after the background tasks: an archive being written still had it
            }
            auth.close();
            sessions.close();
            runtimeFile.delete(config.dataDir());
            lock.close();
            stopped.countDown();
            LOG.log(System.Logger.Level.INFO, "JClaw stopped");
        }
    }
}
