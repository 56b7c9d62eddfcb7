package dev.jclaw.host;

import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.host.internal.LayerFactory;
import dev.jclaw.host.internal.PluginInstance;
import dev.jclaw.host.internal.PluginLoader;
import dev.jclaw.host.internal.Registrations;
import dev.jclaw.host.internal.Runaways;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Loads the plugins found in the plugins directory, each into its own module layer, and keeps them in step with the
 * directory: a new jar starts, a replaced jar starts its new version and the old one drains and unloads, a removed
 * jar drains and unloads. A plugin that announces a new tool list ({@link dev.jclaw.api.tool.ToolsChanged}) has its
 * tools asked for again and swapped in one step, too. A plugin that fails to load or start never stops the host or
 * the other plugins. Plugins are trusted code: they run in the host's process with its permissions, and are
 * isolated from its internals, not from the machine.
 *
 * <pre>{@code
 * try (PluginHost host = new PluginHost(HostSettings.defaults(Path.of("plugins"), dataDir))) {
 *     host.start();
 *     host.tools().call("read", context);
 * }
 * }</pre>
 *
 * <p>Thread-safety: loading and unloading are serialised on one lock; lookups and calls are lock-free and may run
 * from any number of threads, against an immutable snapshot of the registrations that the host swaps atomically.
 */
public final class PluginHost implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final HostSettings settings;
    private final PluginLoader loader;
    private final Object lock = new Object();
    private final Map<Path, Slot> slots = new LinkedHashMap<>();
    private final Set<Thread> retiring = ConcurrentHashMap.newKeySet();
    private final Runaways runaways = new Runaways();
    private final ToolRegistry tools = new ToolRegistry(this);
    private final EndpointRegistry endpoints = new EndpointRegistry(this);
    private final CommandRegistry commands = new CommandRegistry(this);
    private final HookRegistry hooks = new HookRegistry(this);
    private final ToolRefresh refresh = new ToolRefresh(this);
    private final ToolListeners toolListeners = new ToolListeners();
    private volatile Registrations current = Registrations.EMPTY;
    private volatile List<Slot> listed = List.of();
    private volatile boolean ready;
    private volatile boolean closed;
    private DirectoryWatcher watcher;

    /**
     * Creates a host over the layer that holds this module, which must also hold {@code dev.jclaw.api}.
     *
     * @param settings the settings
     */
    public PluginHost(HostSettings settings) {
        this.settings = settings;
        ModuleLayer layer = PluginHost.class.getModule().getLayer();
        this.loader = new PluginLoader(layer == null ? ModuleLayer.boot() : layer, settings.dataDir(),
                settings.startTimeout(), settings.pluginConfig(), settings.sandbox(), settings.services(),
                refresh::refresh, runaways);
    }

    /**
     * Returns the sandbox the plugins are offered for the processes they start.
     *
     * @return the sandbox of the settings
     */
    public ProcessSandbox sandbox() {
        return settings.sandbox();
    }

    /**
     * Loads every plugin in the directory, then watches it when the settings say so. The plugins start in parallel,
     * each under the start deadline, and are registered in the order of their file names. Returns once every plugin
     * is ACTIVE or FAILED: after about one start deadline at most, however many plugins hang.
     */
    public void start() {
        try {
            Files.createDirectories(settings.pluginsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugins directory " + settings.pluginsDir(), e);
        }
        loader.sweepCache();
        // files present at start are taken as complete; one still being copied fails and reloads when it settles
        sync(true);
        ready = true;
        if (settings.watch()) {
            watcher = DirectoryWatcher.start(settings.pluginsDir(), this::rescan);
        }
    }

    /** Brings the loaded plugins in step with the directory now. Safe to call at any time. */
    public void rescan() {
        sync(false);
    }

    private void sync(boolean initial) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Map<Path, DirectoryWatcher.Fingerprint> seen;
            try {
                seen = DirectoryWatcher.scan(settings.pluginsDir());
            } catch (UncheckedIOException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; keeping the loaded plugins as they are");
                return;
            }
            List<Path> removed = slots.entrySet().stream()
                    .filter(e -> !seen.containsKey(e.getKey()) && e.getValue().fingerprint != DirectoryWatcher.Fingerprint.GONE)
                    .map(Map.Entry::getKey).toList();
            LoadRound round = new LoadRound(this, loader, slots);
            seen.forEach((source, fingerprint) -> {
                Slot slot = slots.get(source);
                if ((initial || fingerprint.stable()) && (slot == null || !fingerprint.sameAs(slot.fingerprint))) {
                    round.stage(source, fingerprint, removed);
                }
            });
            relist();
            long began = System.nanoTime();
            round.run();
            if (initial && round.size() > 0) {
                LOG.log(System.Logger.Level.INFO, "started " + round.size() + (round.size() == 1 ? " plugin in " : " plugins in ")
                        + (System.nanoTime() - began) / 1_000_000 + " ms");
            }
            for (Path source : removed) {
                unload(source);
            }
            relist();
        }
    }

    private void unload(Path source) {
        Slot slot = slots.get(source);
        if (slot.active == null) {
            slots.remove(source);
            return;
        }
        PluginInstance instance = slot.active;
        publish(current.replace(instance, null));
        slots.put(source, Slot.gone(slot.info));
        retireLater(instance);
    }

    private void relist() {
        listed = List.copyOf(slots.values());
    }

    /** Replaces the registrations in one step, and tells the tool listeners when the tools changed. */
    void publish(Registrations registrations) {
        Registrations before = current;
        current = registrations;
        if (!before.sameTools(registrations)) {
            toolListeners.changed();
        }
    }

    /**
     * Calls a listener whenever the tools the plugins offer change: a plugin loaded, reloaded or unloaded, or one
     * announced a new tool list ({@link dev.jclaw.api.tool.ToolsChanged}). It runs on a virtual thread shortly
     * after the change, when {@link #tools()} already shows it; changes close together may be seen as one.
     *
     * @param listener what to run
     */
    public void onToolsChanged(Runnable listener) {
        toolListeners.add(listener);
    }

    /**
     * Stops calling a listener added with {@link #onToolsChanged}.
     *
     * @param listener the listener
     */
    public void removeToolsListener(Runnable listener) {
        toolListeners.remove(listener);
    }

    Object lock() {
        return lock;
    }

    PluginLoader loader() {
        return loader;
    }

    /** @return the version with this id and generation if it is registered and serving, else null; lock-free */
    PluginInstance activeVersion(String id, long generation) {
        for (Slot slot : listed) {
            PluginInstance instance = slot.active;
            if (instance != null && instance.generation() == generation && instance.descriptor().id().equals(id)) {
                return instance;
            }
        }
        return null;
    }

    /** @return the slot this version serves from, or null when it no longer serves or the host closed; under lock */
    Slot slotServing(PluginInstance instance) {
        if (closed) {
            return null;
        }
        for (Slot slot : slots.values()) {
            if (slot.active == instance) {
                return slot;
            }
        }
        return null;
    }

    /** Drains, stops and unloads a version that no longer takes new calls, on a thread of its own. */
    void retireLater(PluginInstance instance) {
        Thread thread = Thread.ofVirtual().name("retire-" + instance.descriptor().id()).unstarted(() -> {
            try {
                loader.retire(instance, settings.drainTimeout(), i -> { });
                synchronized (lock) {
                    slots.values().stream()
                            .filter(s -> s.active == null && s.fingerprint == DirectoryWatcher.Fingerprint.GONE
                                    && s.info.id().equals(instance.descriptor().id()))
                            .forEach(s -> s.info = s.info.with(PluginState.UNINSTALLED, ""));
                }
                LOG.log(System.Logger.Level.INFO, "plugin " + instance + " is unloaded");
            } finally {
                retiring.remove(Thread.currentThread());
            }
        });
        retiring.add(thread);
        thread.start();
    }

    static PluginInfo info(String id, String version, PluginState state, Path source, String error) {
        return new PluginInfo(id, version, state, source.toString(), List.of(), error, "", Instant.now());
    }

    /**
     * Reads the descriptors of the plugins in a directory without loading them, e.g. for a CLI when no server runs.
     *
     * @param pluginsDir the plugins directory
     * @return each source as INSTALLED, or FAILED with the reason its descriptor was refused
     */
    public static List<PluginInfo> describe(Path pluginsDir) {
        if (!Files.isDirectory(pluginsDir)) {
            return List.of();
        }
        ModuleLayer layer = PluginHost.class.getModule().getLayer();
        LayerFactory layers = new LayerFactory(layer == null ? ModuleLayer.boot() : layer);
        List<PluginInfo> out = new ArrayList<>();
        for (Path source : DirectoryWatcher.scan(pluginsDir).keySet()) {
            String file = source.getFileName().toString();
            try {
                LayerFactory.Candidate candidate = layers.inspect(file, PluginLoader.jarsOf(source));
                out.add(info(candidate.descriptor().id(), candidate.descriptor().version(), PluginState.INSTALLED,
                        source, ""));
            } catch (PluginLoadException e) {
                out.add(info(e.plugin(), "", PluginState.FAILED, source, e.getMessage()));
            } catch (IOException e) {
                out.add(info(file, "", PluginState.FAILED, source, file + " cannot be read"));
            }
        }
        return out;
    }

    Registrations registrations() {
        return current;
    }

    /**
     * Lists every plugin the host knows, in load order, including FAILED and UNINSTALLED ones. Does not wait for
     * plugins that are starting: they show as STARTING.
     *
     * @return the plugins
     */
    public List<PluginInfo> plugins() {
        return listed.stream().map(s -> s.info).toList();
    }

    /**
     * Finds a plugin by id, or by file name when its descriptor could not be read.
     *
     * @param id the id
     * @return the plugin, or empty
     */
    public Optional<PluginInfo> plugin(String id) {
        return plugins().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** @return whether the first scan finished and the host is not closed */
    public boolean ready() {
        return ready && !closed;
    }

    /** @return the tools of the active plugins */
    public ToolRegistry tools() {
        return tools;
    }

    /** @return the slash commands of the active plugins */
    public CommandRegistry commands() {
        return commands;
    }

    /** @return the HTTP and WebSocket endpoints of the active plugins */
    public EndpointRegistry endpoints() {
        return endpoints;
    }

    /** @return the hooks of the active plugins */
    public HookRegistry hooks() {
        return hooks;
    }

    /**
     * Counts the plugin threads that overran a start or stop deadline, ignored the interrupt and still run. Nothing
     * can stop them short of a restart; each was named in its plugin's error or in the log.
     *
     * @return the number still running
     */
    public int runawayThreads() {
        return runaways.count();
    }

    /**
     * Stops watching, then stops the plugins in reverse load order, each after its calls in flight drain.
     */
    @Override
    public void close() {
        List<Path> sources;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            sources = new ArrayList<>(slots.keySet()).reversed();
        }
        if (watcher != null) {
            watcher.close();
        }
        for (Path source : sources) {
            Slot slot = slots.get(source);
            if (slot != null && slot.active != null) {
                PluginInstance instance = slot.active;
                publish(current.replace(instance, null));
                slot.active = null;
                loader.retire(instance, settings.drainTimeout(), i -> { });
                slot.info = slot.info.with(PluginState.UNINSTALLED, "");
            }
        }
        for (Thread thread : Set.copyOf(retiring)) {
            try {
                thread.join(settings.drainTimeout().plus(settings.startTimeout()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        loader.closeCache();
    }

    @Override
    public String toString() {
        return plugins().stream().map(p -> p.id() + "=" + p.state()).collect(Collectors.joining(", ", "[", "]"));
    }
}
