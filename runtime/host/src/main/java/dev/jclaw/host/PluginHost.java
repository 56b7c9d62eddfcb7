package dev.jclaw.host;

import dev.jclaw.api.process.ProcessSandbox;
import dev.jclaw.host.internal.LayerFactory;
import dev.jclaw.host.internal.PluginInstance;
import dev.jclaw.host.internal.PluginLoader;
import dev.jclaw.host.internal.Registrations;
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
 * jar drains and unloads. A plugin that fails never stops the host or the other plugins.
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
    private final ToolRegistry tools = new ToolRegistry(this);
    private final EndpointRegistry endpoints = new EndpointRegistry(this);
    private final CommandRegistry commands = new CommandRegistry(this);
    private final HookRegistry hooks = new HookRegistry(this);
    private volatile Registrations current = Registrations.EMPTY;
    private volatile boolean ready;
    private volatile boolean closed;
    private DirectoryWatcher watcher;

    /** What the host knows of one source in the plugins directory. */
    private static final class Slot {
        DirectoryWatcher.Fingerprint fingerprint;
        PluginInstance active;
        PluginInfo info;
    }

    /**
     * Creates a host over the layer that holds this module, which must also hold {@code dev.jclaw.api}.
     *
     * @param settings the settings
     */
    public PluginHost(HostSettings settings) {
        this.settings = settings;
        ModuleLayer layer = PluginHost.class.getModule().getLayer();
        this.loader = new PluginLoader(layer == null ? ModuleLayer.boot() : layer, settings.dataDir(),
                settings.startTimeout(), settings.pluginConfig(), settings.sandbox());
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
     * Loads every plugin in the directory, then watches it when the settings say so. Returns once every plugin is
     * ACTIVE or FAILED.
     */
    public void start() {
        try {
            Files.createDirectories(settings.pluginsDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the plugins directory " + settings.pluginsDir(), e);
        }
        loader.clearCache();
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
            seen.forEach((source, fingerprint) -> {
                Slot slot = slots.get(source);
                if ((initial || fingerprint.stable()) && (slot == null || !fingerprint.sameAs(slot.fingerprint))) {
                    load(source, fingerprint, removed);
                }
            });
            for (Path source : removed) {
                unload(source);
            }
        }
    }

    private void load(Path source, DirectoryWatcher.Fingerprint fingerprint, List<Path> removedNow) {
        Slot slot = slots.computeIfAbsent(source, s -> new Slot());
        slot.fingerprint = fingerprint;
        String file = source.getFileName().toString();
        PluginInstance previous = slot.active;
        slot.info = info(file, "", PluginState.INSTALLED, source, List.of(), "");
        PluginInstance started = null;
        try {
            PluginLoader.Staged staged = loader.stage(source);
            String id = staged.id();
            // the same plugin id under another file name replaces it when that file went away in this scan
            Slot previousSlot = slot;
            for (Map.Entry<Path, Slot> other : slots.entrySet()) {
                PluginInstance theirs = other.getValue().active;
                if (other.getValue() != slot && theirs != null && theirs.descriptor().id().equals(id)) {
                    if (!removedNow.contains(other.getKey())) {
                        throw new PluginLoadException(id, "plugin id '" + id + "' is already loaded from "
                                + other.getKey().getFileName());
                    }
                    previous = theirs;
                    previousSlot = other.getValue();
                }
            }
            slot.info = info(id, staged.version(), PluginState.INSTALLED, source, List.of(), "");
            started = loader.start(staged, (i, v, state) -> slot.info = info(i, v, state, source, List.of(), ""));
            Optional<String> conflict = current.conflict(started, previous);
            if (conflict.isPresent()) {
                throw new PluginLoadException(id, conflict.get());
            }
            current = current.replace(previous, started);
            previousSlot.active = null;
            slot.active = started;
            slot.info = info(id, staged.version(), PluginState.ACTIVE, source, started.provides(), "");
            LOG.log(System.Logger.Level.INFO, "plugin " + started + " is ACTIVE: " + started.provides());
            if (previous != null) {
                retireLater(previous);
            }
        } catch (PluginLoadException e) {
            if (started != null) {
                loader.discard(started);
            }
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
            if (previous != null && previous == slot.active) {
                // keep serving the old version; say why the new one did not take over
                slot.info = new PluginInfo(slot.info.id(), previous.descriptor().version(), PluginState.ACTIVE,
                        source.toString(), previous.provides(), "reload failed: " + e.getMessage(), Instant.now());
            } else {
                slot.info = info(e.plugin(), slot.info.version(), PluginState.FAILED, source, List.of(),
                        e.getMessage());
            }
        }
    }

    private void unload(Path source) {
        Slot slot = slots.get(source);
        if (slot.active == null) {
            slots.remove(source);
            return;
        }
        PluginInstance instance = slot.active;
        current = current.replace(instance, null);
        slots.put(source, placeholderFor(slot.info));
        retireLater(instance);
    }

    private Slot placeholderFor(PluginInfo info) {
        // a removed plugin stays listed as STOPPING, then UNINSTALLED, until its file comes back
        Slot gone = new Slot();
        gone.fingerprint = DirectoryWatcher.Fingerprint.GONE;
        gone.info = info.with(PluginState.STOPPING, "");
        return gone;
    }

    private void retireLater(PluginInstance instance) {
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

    private static PluginInfo info(String id, String version, PluginState state, Path source, List<String> provides,
                                   String error) {
        return new PluginInfo(id, version, state, source.toString(), provides, error, Instant.now());
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
                        source, List.of(), ""));
            } catch (PluginLoadException e) {
                out.add(info(e.plugin(), "", PluginState.FAILED, source, List.of(), e.getMessage()));
            } catch (IOException e) {
                out.add(info(file, "", PluginState.FAILED, source, List.of(), file + " cannot be read"));
            }
        }
        return out;
    }

    Registrations registrations() {
        return current;
    }

    /**
     * Lists every plugin the host knows, in load order, including FAILED and UNINSTALLED ones.
     *
     * @return the plugins
     */
    public List<PluginInfo> plugins() {
        synchronized (lock) {
            return slots.values().stream().map(s -> s.info).toList();
        }
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
                current = current.replace(instance, null);
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
                return;
            }
        }
    }

    @Override
    public String toString() {
        return plugins().stream().map(p -> p.id() + "=" + p.state()).collect(Collectors.joining(", ", "[", "]"));
    }
}
