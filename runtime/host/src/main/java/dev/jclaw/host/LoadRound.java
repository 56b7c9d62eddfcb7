package dev.jclaw.host;

import dev.jclaw.host.internal.PluginInstance;
import dev.jclaw.host.internal.PluginLoader;
import dev.jclaw.host.internal.Registrations;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The sources that are new or changed in one scan of the plugins directory, loaded together. They are staged in
 * file-name order, then started all at once, each under its own deadline, so that one that hangs delays no other.
 * A new plugin that claims no name already taken is registered as soon as it has started; new versions of loaded
 * plugins wait for the end of the round. When every start has ended, the round settles in file-name order, exactly
 * as if the plugins had started one after another: a name claimed twice goes to the plugin whose file sorts first,
 * and the registrations are put in that order, whichever plugin finished first.
 *
 * <p>Runs under the host's lock; only the start threads run outside it.
 */
final class LoadRound {
    private static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final PluginHost host;
    private final PluginLoader loader;
    private final Map<Path, Slot> slots;
    private final List<Load> loads = new ArrayList<>();
    private final Object registering = new Object();

    /** One source: staged in order, started in parallel, settled in order. */
    private static final class Load {
        final Path source;
        final Slot slot;
        PluginInstance previous;
        Slot previousSlot;
        PluginLoader.Staged staged;
        PluginInstance started;
        PluginLoadException failure;
        boolean early;

        Load(Path source, Slot slot) {
            this.source = source;
            this.slot = slot;
            this.previous = slot.active;
            this.previousSlot = slot;
        }
    }

    LoadRound(PluginHost host, PluginLoader loader, Map<Path, Slot> slots) {
        this.host = host;
        this.loader = loader;
        this.slots = slots;
    }

    /** @return how many sources the round loads */
    int size() {
        return loads.size();
    }

    /**
     * Copies a source to the cache and checks its descriptor and id.
     *
     * @param source the source
     * @param fingerprint what it looks like now
     * @param removedNow the sources gone in this scan, whose plugin a renamed file may replace
     */
    void stage(Path source, DirectoryWatcher.Fingerprint fingerprint, List<Path> removedNow) {
        Slot slot = slots.computeIfAbsent(source, s -> new Slot());
        slot.fingerprint = fingerprint;
        slot.info = PluginHost.info(source.getFileName().toString(), "", PluginState.INSTALLED, source, "");
        Load load = new Load(source, slot);
        loads.add(load);
        try {
            load.staged = loader.stage(source);
            String id = load.staged.id();
            slot.info = PluginHost.info(id, load.staged.version(), PluginState.INSTALLED, source, "");
            for (Load earlier : loads) {
                if (earlier != load && earlier.failure == null && earlier.staged.id().equals(id)) {
                    throw new PluginLoadException(id, "plugin id '" + id + "' is already loaded from "
                            + earlier.source.getFileName());
                }
            }
            // the same plugin id under another file name replaces it when that file went away in this scan
            for (Map.Entry<Path, Slot> other : slots.entrySet()) {
                PluginInstance theirs = other.getValue().active;
                if (other.getValue() != slot && theirs != null && theirs.descriptor().id().equals(id)) {
                    if (!removedNow.contains(other.getKey())) {
                        throw new PluginLoadException(id, "plugin id '" + id + "' is already loaded from "
                                + other.getKey().getFileName());
                    }
                    load.previous = theirs;
                    load.previousSlot = other.getValue();
                }
            }
        } catch (PluginLoadException e) {
            load.failure = e;
            if (load.staged != null) {
                loader.unstage(load.staged);
            }
        }
    }

    /** Starts every staged source at once, then settles the round. */
    void run() {
        try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Load load : loads) {
                if (load.failure == null) {
                    starts.submit(() -> start(load));
                }
            }
        }
        settle();
    }

    private void start(Load load) {
        Slot slot = load.slot;
        try {
            load.started = loader.start(load.staged,
                    (id, version, state) -> slot.info = PluginHost.info(id, version, state, load.source, ""));
        } catch (PluginLoadException e) {
            load.failure = e;
            return;
        } catch (RuntimeException e) { // a bug of the host's; the other plugins of the round still load
            String id = load.staged.id();
            LOG.log(System.Logger.Level.ERROR, "loading plugin '" + id + "' failed", e);
            load.failure = new PluginLoadException(id, "plugin '" + id + "' could not be loaded: " + e.getMessage(), e);
            return;
        }
        if (load.previous != null) {
            return; // the old version serves until the round settles
        }
        synchronized (registering) {
            Registrations current = host.registrations();
            if (current.conflict(load.started, null).isEmpty()) {
                host.publish(current.replace(null, load.started));
                load.early = true;
                activate(load);
            }
        }
    }

    private void settle() {
        Registrations settled = host.registrations();
        for (Load load : loads) {
            if (load.early) {
                settled = settled.replace(load.started, null);
            }
        }
        for (Load load : loads) {
            if (load.failure == null) {
                Optional<String> conflict = settled.conflict(load.started, load.previous);
                if (conflict.isPresent()) {
                    load.failure = new PluginLoadException(load.started.descriptor().id(), conflict.get());
                } else {
                    settled = settled.replace(load.previous, load.started);
                }
            }
        }
        host.publish(settled);
        for (Load load : loads) {
            if (load.failure != null) {
                fail(load);
            } else if (!load.early) {
                activate(load);
                if (load.previous != null) {
                    host.retireLater(load.previous);
                }
            }
        }
    }

    private void activate(Load load) {
        PluginInstance started = load.started;
        load.previousSlot.active = null;
        load.slot.active = started;
        String warning = started.idleWarning().orElse("");
        load.slot.info = new PluginInfo(started.descriptor().id(), started.descriptor().version(),
                PluginState.ACTIVE, load.source.toString(), started.provides(), "", warning, Instant.now());
        LOG.log(System.Logger.Level.INFO, "plugin " + started + " is ACTIVE: " + started.provides());
        if (!warning.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
        started.activated();
    }

    private void fail(Load load) {
        Slot slot = load.slot;
        PluginLoadException e = load.failure;
        LOG.log(System.Logger.Level.WARNING, e.getMessage());
        if (load.early) {
            // it served since it started; a plugin whose file sorts first claimed the same name
            slot.active = null;
            host.retireLater(load.started);
        } else if (load.started != null) {
            loader.discard(load.started);
        }
        PluginInstance previous = load.previous;
        if (previous != null && previous == slot.active) {
            // keep serving the old version; say why the new one did not take over
            slot.info = new PluginInfo(slot.info.id(), previous.descriptor().version(), PluginState.ACTIVE,
                    load.source.toString(), previous.provides(), "reload failed: " + e.getMessage(), "",
                    Instant.now());
        } else {
            slot.info = PluginHost.info(e.plugin(), slot.info.version(), PluginState.FAILED, load.source,
                    e.getMessage());
        }
    }
}
