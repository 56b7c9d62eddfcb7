package dev.jclaw.host.internal;

import dev.jclaw.api.Plugin;
import dev.jclaw.api.PluginContext;
import dev.jclaw.api.PluginDescriptor;
import dev.jclaw.api.channel.Channel;
import dev.jclaw.api.command.Command;
import dev.jclaw.api.hook.Hook;
import dev.jclaw.api.http.HttpEndpoint;
import dev.jclaw.api.http.WebSocketEndpoint;
import dev.jclaw.api.tool.Tool;
import dev.jclaw.api.tool.ToolProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One loaded version of a plugin: its layer, its started services, and a count of calls in flight.
 *
 * <p>Callers {@link #tryEnter()} before using a service and {@link #exit()} after. Once {@link #close()} is called no
 * new call enters, so a caller that loses the race retries against the newer registrations; {@link #awaitDrained}
 * then waits for the calls already inside.
 */
public final class PluginInstance {
    private static final AtomicLong GENERATIONS = new AtomicLong();
    private final long generation = GENERATIONS.incrementAndGet();
    private final PluginDescriptor descriptor;
    private final Path source;
    private final Path cacheDir;
    private ModuleLayer layer;
    private volatile ClassLoader loader;
    // written by the start thread, read by a stop that may run while a start overruns
    private final List<Plugin> lifecycles = new CopyOnWriteArrayList<>();
    // replaced whole when the plugin announces a new tool list; read without a lock by listings
    volatile List<Tool> tools = List.of();
    final List<ToolProvider> toolProviders = new ArrayList<>();
    private volatile PluginContext context;
    private volatile ToolsAnnouncer announcer;
    final List<Hook> hooks = new ArrayList<>();
    final List<Channel> channels = new ArrayList<>();
    final List<HttpEndpoint> endpoints = new ArrayList<>();
    final List<WebSocketEndpoint> sockets = new ArrayList<>();
    final List<Command> commands = new ArrayList<>();

    // > 0: calls in flight; the CLOSED bit set: no new calls
    private static final int CLOSED = 1 << 30;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drained = new Object();

    PluginInstance(PluginDescriptor descriptor, Path source, Path cacheDir, ModuleLayer layer) {
        this.descriptor = descriptor;
        this.source = source;
        this.cacheDir = cacheDir;
        this.layer = layer;
        this.loader = layer.modules().iterator().next().getClassLoader();
    }

    /** @return the descriptor */
    public PluginDescriptor descriptor() {
        return descriptor;
    }

    /** @return a number no other version loaded by this process has */
    public long generation() {
        return generation;
    }

    /** @return the tools this version offers now */
    public List<Tool> tools() {
        return tools;
    }

    /**
     * Replaces the tools this version offers, after a refresh; the host's registrations are swapped beside it.
     *
     * @param offered the tools registered for it now
     */
    public void offer(List<Tool> offered) {
        tools = List.copyOf(offered);
    }

    void context(PluginContext context, ToolsAnnouncer announcer) {
        this.context = context;
        this.announcer = announcer;
    }

    /** @return the context the version was started with, or null once unloaded */
    PluginContext context() {
        return context;
    }

    /** Tells the version's {@code ToolsChanged} that the version is registered and serving. */
    public void activated() {
        ToolsAnnouncer a = announcer;
        if (a != null) {
            a.activated();
        }
    }

    /** @return the jar or directory this version was loaded from */
    public Path source() {
        return source;
    }

    /** @return the private copy of the jars this version runs from */
    public Path cacheDir() {
        return cacheDir;
    }

    /** @return the class loader of the plugin's layer, or the platform loader once unloaded */
    public ClassLoader loader() {
        ClassLoader current = loader;
        return current == null ? ClassLoader.getPlatformClassLoader() : current;
    }

    /** @return the layer, for the loader only */
    ModuleLayer layer() {
        return layer;
    }

    void addLifecycle(Plugin plugin) {
        lifecycles.add(plugin);
    }

    List<Plugin> lifecycles() {
        return lifecycles;
    }

    /** @return what this version registers, for listings */
    public List<String> provides() {
        List<String> out = new ArrayList<>();
        tools.forEach(t -> out.add("tool:" + t.name()));
        endpoints.forEach(e -> out.add("http:" + e.method() + " " + e.path()));
        sockets.forEach(s -> out.add("ws:" + s.path()));
        commands.forEach(c -> out.add("command:/" + c.name()));
        channels.forEach(c -> out.add("channel:" + c.name()));
        hooks.forEach(h -> out.add("hook"));
        return out;
    }

    /**
     * Says why this version is ACTIVE with nothing to offer, if it is: its module provides no JClaw service, or its
     * providers returned nothing. A plugin with a lifecycle only ({@code Plugin}) may do its work in the background,
     * so it gets no warning.
     *
     * @return the warning, one sentence naming the plugin, or empty
     */
    public Optional<String> idleWarning() {
        if (!provides().isEmpty() || !lifecycles.isEmpty()) {
            return Optional.empty();
        }
        String id = descriptor.id();
        boolean declares = layer != null && layer.modules().stream()
                .flatMap(m -> m.getDescriptor().provides().stream())
                .anyMatch(p -> p.service().startsWith(LayerFactory.API_MODULE + "."));
        return Optional.of(declares
                ? "plugin '" + id + "' registered nothing: its providers returned no tools, hooks, endpoints or"
                        + " commands"
                : "plugin '" + id + "' provides no service: its module-info.java has no 'provides' line for a"
                        + " ToolProvider, Hook, Channel, CommandProvider or Plugin, so it does nothing");
    }

    /**
     * Enters a call.
     *
     * @return {@code false} when this version is closing; look the service up again
     */
    public boolean tryEnter() {
        int n = inFlight.incrementAndGet();
        if ((n & CLOSED) != 0) {
            exit();
            return false;
        }
        return true;
    }

    /** Leaves a call entered with {@link #tryEnter()}. */
    public void exit() {
        if (inFlight.decrementAndGet() == CLOSED) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /** Lets no new call enter, and no announcement refresh the tools. */
    void close() {
        inFlight.updateAndGet(n -> n | CLOSED);
        ToolsAnnouncer a = announcer;
        if (a != null) {
            a.end();
        }
    }

    /**
     * Waits for the calls in flight, after {@link #close()}.
     *
     * @param timeout how long to wait
     * @return the number of calls still in flight when the wait ended
     * @throws InterruptedException when interrupted
     */
    int awaitDrained(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (drained) {
            while (inFlight.get() != CLOSED) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return inFlight.get() & ~CLOSED;
                }
                drained.wait(Math.max(1, left / 1_000_000));
            }
        }
        return 0;
    }

    /** Drops every reference into the plugin's layer so that its class loader can be collected. */
    void release() {
        ToolsAnnouncer a = announcer;
        if (a != null) {
            a.end();
        }
        lifecycles.clear();
        tools = List.of();
        toolProviders.clear();
        context = null;
        hooks.clear();
        channels.clear();
        endpoints.clear();
        sockets.clear();
        commands.clear();
        layer = null;
        loader = null;
    }

    @Override
    public String toString() {
        return descriptor.id() + " " + descriptor.version();
    }
}
